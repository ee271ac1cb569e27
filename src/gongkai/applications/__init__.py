"""Applications (依申请公开): intake, the statutory workflow, letters, reminders and statistics."""
