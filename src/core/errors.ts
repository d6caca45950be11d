/** An exception's message, for the user: whatever was thrown, as one line of text. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
