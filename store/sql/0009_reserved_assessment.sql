-- Schema version 9 is s3-assessment's migration (star rating, 述职评议). This placeholder
-- only keeps the numbering gap-free on s3-supervision (0010) until that branch lands: when
-- both are merged, delete this file and keep s3-assessment's 0009.
SELECT 1;
