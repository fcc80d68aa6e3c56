from assets_gen.cli import main

main()
