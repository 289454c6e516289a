"""``python -m agendaparse``: the same command line as the ``agendaparse`` script."""

from agendaparse.entry import main

main()
