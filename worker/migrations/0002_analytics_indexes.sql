-- Access paths of analytics: the last held session of each engagement, and recent check-in requests.
CREATE INDEX sessions_engagement_status_starts ON sessions (engagement_id, status, starts_at);
CREATE INDEX pulse_responses_check_ins ON pulse_responses (org_id, client_updated_at) WHERE check_in = 1;
