from omnilinks.cli import console

console()
