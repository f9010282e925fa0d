// Package office reads and writes the files the Organization Board works
// with: the spreadsheet of organizations and quotas that accompanies a quota
// decision, the year's table for the annual quality rating, and the progress
// chart. It knows nothing of the bot's own types; callers map to and from
// the plain structures declared here.
package office
