"""`planner catalog`: browse the catalog (the group's own options) and `planner catalog
import`: an exercise database turned into a catalog CSV. A thin shell over the library."""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli.options import catalog_option, friendly_errors

SOURCES = ("free-exercise-db",)

_BROWSE_EPILOG = """Examples:

\b
    planner catalog --category calf --muscle soleus
    planner catalog --tags
    planner catalog --equipment
    planner catalog --tag achilles_load
    planner catalog import free-exercise-db exercises.json -o my-catalog.csv

Exit codes: 0 listed, 1 internal error, 2 usage, 3 invalid input (the catalog's file, line
and key named), 130 interrupted (Ctrl-C or SIGTERM).
"""

_IMPORT_EPILOG = """Examples:

\b
    planner catalog import free-exercise-db free-exercise-db/dist/exercises.json \\
        -o my-catalog.csv --overrides my-fixes.csv
    planner catalog --catalog my-catalog.csv --category calf

\b
SOURCE is the database's format: free-exercise-db (github.com/yuhonas/free-exercise-db,
its dist/exercises.json). Only names and tags are kept, never instructions or images.
Values guessed from an exercise's name (family, soleus or gastrocnemius bias, core
function, some tags and equipment) are noted in the `source` column for review.
OVERRIDES is a CSV with an `id` column and any catalog columns: a filled cell replaces the
imported value, an empty one keeps it, `none` empties it. The catalog is written
atomically, only after it passed the catalog's validation; an existing file is replaced
only with --force. Exit codes: 0 written, 1 internal error, 2 usage, 3 invalid input (the
entry, line and key named), 130 interrupted (Ctrl-C or SIGTERM)."""


@click.group(
    name="catalog",
    invoke_without_command=True,
    short_help="Browse the exercise catalog, or import one.",
    epilog=_BROWSE_EPILOG,
)
@catalog_option
@click.option("--category", help="Only this category (lower, calf, core, upper, ...).")
@click.option("--muscle", help="Only exercises that train this muscle or core function.")
@click.option(
    "--equipment",
    is_flag=False,
    flag_value="",
    help="Only exercises doable with this equipment (plus bodyweight); alone, list every "
    "piece of equipment the catalog uses.",
)
@click.option("--tag", help="Only exercises with this tag.")
@click.option("--tags", "list_tags", is_flag=True, help="List every tag, with its exercises.")
@click.pass_context
@friendly_errors
def catalog_group(
    ctx: click.Context,
    catalog_path: Path | None,
    category: str | None,
    muscle: str | None,
    equipment: str | None,
    tag: str | None,
    list_tags: bool,
) -> None:
    """Browse the exercise catalog, or list its equipment and tags (the names a config's
    equipment.available and exclude.tags may hold); `planner catalog import` makes a
    catalog from an exercise database."""
    if ctx.invoked_subcommand is not None:
        given = [catalog_path, category, muscle, equipment, tag, list_tags or None]
        if any(option is not None for option in given):
            raise click.UsageError(
                f"the options of `planner catalog` browse a catalog; give them without "
                f"`{ctx.invoked_subcommand}`"
            )
        return
    from planner.catalog.catalog import load_catalog, typo_warnings
    from planner.report.listing import exercise_listing, name_listing

    catalog = load_catalog(catalog_path)
    for warning in typo_warnings(catalog):
        click.echo(f"warning: {warning}", err=True)
    if list_tags or equipment == "":
        chosen = catalog.filter(category=category, muscle=muscle, tag=tag)
        what = "tags" if list_tags else "equipment"
        click.echo(name_listing(chosen, what), nl=False)
        return
    chosen = catalog.filter(category=category, muscle=muscle, equipment=equipment, tag=tag)
    if not len(chosen):
        click.echo("no exercises match", err=True)
        return
    click.echo(exercise_listing(chosen, muscle), nl=False)
    click.echo(f"{len(chosen)} of {len(catalog)} exercises", err=True)


@catalog_group.command(name="import", epilog=_IMPORT_EPILOG)
@click.argument("source", metavar="SOURCE", type=click.Choice(SOURCES))
@click.argument("path", metavar="PATH", type=click.Path(path_type=Path, readable=False))
@click.option(
    "-o", "--output", required=True, type=click.Path(readable=False), help="The catalog CSV."
)
@click.option(
    "--overrides",
    type=click.Path(path_type=Path, readable=False),
    help="CSV of corrections: an id column and the catalog columns to change.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@friendly_errors
def import_command(
    source: str, path: Path, output: str, overrides: Path | None, force: bool
) -> None:
    """Turn the exercise database at PATH (format SOURCE) into a catalog CSV."""
    from planner.importers.free_exercise_db import import_free_exercise_db
    from planner.report.importing import import_summary
    from planner.writes import check_output_path, write_atomic

    inputs = (path, *([overrides] if overrides else []))
    check_output_path(output, force, inputs=inputs)  # before the work: fail fast
    imported = import_free_exercise_db(path, overrides, output_name=output)
    write_atomic(output, imported.text)
    for line in import_summary(imported, path, output, overrides):
        click.echo(line, err=True)
