"""Saved searches: a person keeps the filters of the projects list or the freelancer search, runs them again in
one click, and may be told by e-mail of new matches, as they appear or once a day.

Design. A `SavedSearch` holds the filters in the same names and units the API's list endpoints take
(`GET /projects`, `GET /freelancers`), which are the keyword arguments of the lists' selectors, so matching
calls the list's own selector (`filters.matching_ids`) and never restates a filter. `SavedSearchMatch` rows
record what each search has found (one row per search and project or person, unique), so nothing is sent twice
and, for freelancers, only people who were not found before count as new.

Alerts (`alerts.saved_search_alerts_due`, run by `manage.py run_timers` every beat): each due search (instant:
every beat; daily: once its day is up) looks at what appeared (a posted project) or changed (a freelancer's
profile) since it last looked, minus a minute of overlap for writes that committed late, through its selector;
a search whose window holds nothing costs no query beyond the two that find the newest project and profile.
New matches are recorded and a task (`saved_search_alert_send`) sends one e-mail listing them. Each e-mail has a
signed one-click unsubscribe link (RFC 8058) that turns that search's alert off without signing in.
"""
