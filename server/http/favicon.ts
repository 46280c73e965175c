/**
 * The icon of the pages this server renders itself (the demo article, the admin panel): a speech
 * bubble, inline as a data: URL that both pages' CSP allow (img-src data:). Without a <link
 * rel="icon"> every visit asks for /favicon.ico and logs its 404 in the browser's console.
 */
export const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cpath fill='%230b4f8a' d='M4 5h24a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z'/%3E%3C/svg%3E";
