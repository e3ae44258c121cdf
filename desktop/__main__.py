"""``python -m desktop``: a subcommand runs the command line (no Qt imported); otherwise the window opens (or
``--demo``, ``--selftest``)."""

from __future__ import annotations

import sys

from desktop import cli, paths


def main(argv: list[str] | None = None) -> int:
    paths.use_private_umask()
    args = cli.build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command:
        cli.setup_logging()
        return cli.run(args)
    from desktop.ui import app, demo, selftest  # why: only the window needs Qt; a subcommand starts without it

    if args.selftest:
        return selftest.main(args)
    if args.demo:
        return demo.main(args)
    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
