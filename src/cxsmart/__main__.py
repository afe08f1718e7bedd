from cxsmart.cli import main

main()
