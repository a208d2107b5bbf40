"""The `omnilinks` command (and `python -m omnilinks`)."""
import gc

from omnilinks.codecache import compiled_once


def console() -> None:
    # Importing makes tens of thousands of objects that live as long as the process: the cyclic
    # collector's passes over them while they are made were 5 % of a one-page run, and every
    # later full pass would walk them again. Made with the collector paused, then frozen.
    gc.disable()
    with compiled_once():
        from omnilinks.cli import console as run

    gc.freeze()
    gc.enable()
    run()


if __name__ == "__main__":
    console()
