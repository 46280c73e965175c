/** Where the server writes its lines: stdout in main.ts, an array in tests. */
export type Logger = (line: string) => void;
