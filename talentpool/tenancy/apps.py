from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _install_rls_wrapper(sender, connection, **kwargs) -> None:
    from .context import rls_execute_wrapper

    if rls_execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(rls_execute_wrapper)


class TenancyConfig(AppConfig):
    name = "talentpool.tenancy"
    label = "tenancy"
    verbose_name = "Tenancy"

    def ready(self) -> None:
        from .rls import refuse_privileged_role

        connection_created.connect(refuse_privileged_role, dispatch_uid="tenancy.refuse_privileged_role")
        connection_created.connect(_install_rls_wrapper, dispatch_uid="tenancy.rls_wrapper")
