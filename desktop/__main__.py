"""``python -m desktop``: a subcommand runs the command line (no Qt imported); otherwise the window opens (or
``--demo``, ``--selftest``)."""

from __future__ import annotations

import sys

from desktop import cli, paths


def main(argv: list[str] | None = None) -> int:
    paths.use_private_umask()
    args = cli.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command:
        cli.setup_logging()
        return cli.run(args)
    # why: only the window needs Qt, so a subcommand starts without it; and each mode imports only its own module
    if args.selftest:
        from desktop.ui import startup_probe

        if startup_probe.wanted():  # the app's own start-up, timed: not the self-test's imports
            return startup_probe.main(args)
        from desktop.ui import selftest  # why: see above

        return selftest.main(args)
    if args.demo:
        from desktop.ui import demo  # why: see above

        return demo.main(args)
    from desktop.ui import app  # why: see above

    return app.main(args)


if __name__ == "__main__":
    sys.exit(main())
