"""Signal receivers: an account lockout (django-axes) is written to the audit log."""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.dispatch import receiver

from gongkai import clock
from gongkai.agencies import audit
from gongkai.agencies.models import Membership, User


@receiver(user_locked_out, dispatch_uid="gongkai.agencies.lockout")
def record_lockout(sender, request=None, username: str | None = None, ip_address: str | None = None, **kwargs) -> None:
    """Record who was locked out; the entry goes to the log of the account's first agency.

    django-axes signals again for every attempt while the lock lasts; one entry per lock is kept.
    """
    user = User.objects.filter(username=username).first() if username else None
    since = clock.now() - get_cool_off(request)
    if user and audit.entries_for(user).filter(action="account.locked", at__gte=since).exists():
        return
    membership = Membership.objects.filter(user=user).select_related("agency").first() if user else None
    audit.record(
        None,
        "account.locked",
        user,
        agency=membership.agency if membership else None,
        note=f"账号 {username or '（空）'} 连续登录失败，已锁定；来源 IP {ip_address or '未知'}",
    )
