from supplier_cli.cli import main

main()
