-- An appeal case names the decision it appeals: whoever made that decision may not review the
-- appeal, and the appeal may not end worse than it without a new case.
ALTER TABLE moderation_cases
  ADD COLUMN appealed_decision_id uuid REFERENCES moderation_decisions (id) ON DELETE SET NULL;

-- Appeals used to open without a scope, and unknown fits every scope: give the open ones the
-- language and region of their target, as reports have them.
UPDATE moderation_cases AS c SET lang = n.lang, region = n.ip_country
  FROM notes AS n
  WHERE c.source = 'appeal' AND c.status <> 'resolved' AND c.target_type = 'note'
    AND n.id = c.target_id AND c.lang IS NULL AND c.region IS NULL;
UPDATE moderation_cases AS c SET lang = m.lang, region = m.ip_country
  FROM comments AS m
  WHERE c.source = 'appeal' AND c.status <> 'resolved' AND c.target_type = 'comment'
    AND m.id = c.target_id AND c.lang IS NULL AND c.region IS NULL;
UPDATE moderation_cases AS c SET lang = a.bio_lang, region = a.ip_country
  FROM accounts AS a
  WHERE c.source = 'appeal' AND c.status <> 'resolved' AND c.target_type = 'account'
    AND a.id = c.target_id AND c.lang IS NULL AND c.region IS NULL;
