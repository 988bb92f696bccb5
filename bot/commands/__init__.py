"""Click command groups beyond the core listing commands, one module per area.

Every command receives the application core, `factwatch.app.Factwatch`, through `pass_app`.
"""

import click

from factwatch.app import Factwatch

pass_app = click.make_pass_decorator(Factwatch)
