/**
 * Fills the `{name}` slots of a dictionary text: the widget's, the panel's and the SMS and email
 * texts. A slot without a value is left as it is, so a mistake shows in the text. (Slot names are
 * the dictionaries' own words, none of them a name Object.prototype has.)
 */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, key: string) => String(values[key] ?? slot));
}
