/**
 * How much one import may be (README "Bulk import"): a file a chat platform
 * hands over in a second or two, and rows that are reported one after the
 * other within the minute a person waits for the summary.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 1000;
