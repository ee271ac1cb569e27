"""Application services: every change to an application goes through one of these functions.

Each transition (see the table in `gongkai.applications.workflow`) is a plain function::

    service(application, user, *, on=<date it happened, default today>, version=<the version the
            person saw, default application.version>, <what the step needs>) -> Application

and, inside one ``transaction.atomic()``: checks the user's permission in the agency
(`gongkai.agencies.permissions`), re-reads the row and refuses a stale `version`
(`ConflictError`, nothing written), asks the workflow guard and the statutory clock
(`gongkai.rules.clock`) whether the step is allowed (`TransitionError` with the Chinese rule),
appends the clock event, stores the new state with the recomputed due date
(``UPDATE … WHERE version = n``), and writes the audit log with before/after (personal data
masked). The passed instance is refreshed in place and returned.

For the UI: `available_transitions(application, user)` lists the next allowed steps as
(name, Chinese label, what it needs); `clock_state(application)` gives the timeline explanation
(``.text``, ``.explanation``, ``.due``, ``.working_days_left``); `duplicate_candidates` and
`monthly_requests` feed the duplicate and Art. 35 hints; `fee_quote` shows a fee before issuing it.

One module per concept: `clocks` (the statutory clock and the agency calendar), `steps` (the
step runner, the workflow facts, the next steps), `intake` (registration), `correction`,
`consultation`, `extension` (Art. 33 and 35), `fees`, `split_merge`, `duplicates`, `reply`
(draft → review → sign-off → sent, closing, reopening) and `calendar` (an agency's own calendar
changes). Callers use the names re-exported here: ``services.register(...)``.
"""

from gongkai.agencies.lifecycle import held_actions
from gongkai.applications.services.calendar import (
    CalendarChanges,
    add_calendar_override,
    recompute_due_dates,
    remove_calendar_override,
)
from gongkai.applications.services.clocks import (
    PROCESS_KINDS,
    calendar_for,
    clock_refusal,
    clock_state,
    clock_states,
)
from gongkai.applications.services.consultation import (
    finish_consultation,
    finish_third_party,
    record_party_receipt,
    start_consultation,
    start_third_party,
)
from gongkai.applications.services.correction import correction_lapsed, record_correction, request_correction
from gongkai.applications.services.duplicates import duplicate_candidates, mark_duplicate, similarity
from gongkai.applications.services.extension import (
    approve_extension,
    approver,
    ask_reasons,
    decline_extension,
    defer_reply,
    pending_extension,
    request_extension,
)
from gongkai.applications.services.fees import (
    EXCESSIVE_HINT_THRESHOLD,
    fee_lapsed,
    fee_quote,
    issue_fee_notice,
    monthly_requests,
    record_fee_delivery,
    record_payment,
)
from gongkai.applications.services.intake import (
    CONFIRMED_CHANNELS,
    receipt_warning,
    register,
    submitted_day,
    validate_intake,
)
from gongkai.applications.services.reply import (
    close_other,
    draft_reply,
    reopen,
    return_draft,
    review,
    send_reply,
    sign_off,
)
from gongkai.applications.services.split_merge import merge_items, split_item
from gongkai.applications.services.steps import (
    AUDIT_FIELDS,
    OPEN_STATES,
    Step,
    available_transitions,
    refusal,
)
from gongkai.workflow import ConflictError, TransitionError

__all__ = [
    "AUDIT_FIELDS", "CONFIRMED_CHANNELS", "EXCESSIVE_HINT_THRESHOLD", "OPEN_STATES", "PROCESS_KINDS",
    "CalendarChanges", "ConflictError", "Step", "TransitionError",
    "add_calendar_override", "approve_extension", "approver", "ask_reasons", "available_transitions",
    "calendar_for", "clock_refusal", "clock_state", "clock_states", "close_other", "correction_lapsed",
    "decline_extension", "defer_reply", "draft_reply", "duplicate_candidates", "fee_lapsed", "fee_quote",
    "finish_consultation", "finish_third_party", "held_actions", "issue_fee_notice", "mark_duplicate",
    "merge_items", "monthly_requests", "pending_extension", "receipt_warning", "recompute_due_dates",
    "record_correction", "record_fee_delivery", "record_party_receipt", "record_payment", "refusal",
    "register", "remove_calendar_override", "reopen", "request_correction", "request_extension",
    "return_draft", "review", "send_reply", "sign_off", "similarity", "split_item", "start_consultation",
    "start_third_party", "submitted_day", "validate_intake",
]
