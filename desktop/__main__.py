"""``python -m desktop``: a subcommand runs the command line (no Qt imported); otherwise the window opens."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop import cli, paths

    paths.use_private_umask()
    args = cli.build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command:
        cli.setup_logging()
        return cli.run(args)
    from desktop.ui import app  # Qt is imported only here

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
