/** The later part of each language's reader dictionary, written by the build (vite.config.ts). */
declare module 'virtual:pikir-reader-later/*' {
  const part: import('../../shared/i18n/reader/parts.ts').LaterPart;
  export default part;
}
