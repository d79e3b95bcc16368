-- The share of each segment per month in percent (one decimal, half away from zero); parameters @timezone, @since, @until.
WITH months AS (
  SELECT
    FORMAT_TIMESTAMP('%Y-%m', submitted_at, @timezone) AS month,
    COUNT(*) AS responses,
    COUNTIF(segment = 'promoter') AS promoters,
    COUNTIF(segment = 'passive') AS passives,
    COUNTIF(segment = 'detractor') AS detractors
  FROM nps.nps_responses_latest
  WHERE submitted_at >= @since AND submitted_at < @until
  GROUP BY month
)
SELECT
  month,
  responses,
  FLOOR((2000 * promoters + responses) / (2 * responses)) / 10 AS promoter_percent,
  FLOOR((2000 * passives + responses) / (2 * responses)) / 10 AS passive_percent,
  FLOOR((2000 * detractors + responses) / (2 * responses)) / 10 AS detractor_percent
FROM months
ORDER BY month;
