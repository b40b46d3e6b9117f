// Timestamps are ISO-8601 text: portable between SQLite and PostgreSQL and sortable as strings.
export const nowIso = (): string => new Date().toISOString();
export const todayIso = (): string => nowIso().slice(0, 10);
