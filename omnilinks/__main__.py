from omnilinks.cli import main

main()
