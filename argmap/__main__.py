"""``python -m argmap`` runs the command line."""

from argmap.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
