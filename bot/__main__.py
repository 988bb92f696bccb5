"""`python -m factwatch`: the command line, as the `factwatch` script runs it."""

from factwatch.cli import main

if __name__ == "__main__":
    main(prog_name="factwatch")
