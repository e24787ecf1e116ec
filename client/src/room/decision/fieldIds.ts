// Element ids for an item's fields, named after the decision rules' field paths (`riskLevel`,
// `actions.<id>.due`), so an error from the rules or the server finds the control it is about.

export function fieldDomId(itemId: string, field: string): string {
  return `f-${itemId}-${field.replaceAll('.', '-')}`;
}

export function fieldErrorId(itemId: string, field: string): string {
  return `${fieldDomId(itemId, field)}-error`;
}
