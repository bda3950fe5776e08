"""The command line: click commands, a thin shell over the library."""
