"""One module per `casedesk` subcommand: `add_arguments(parser, name)` and `run(args)`."""
