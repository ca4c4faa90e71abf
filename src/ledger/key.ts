/**
 * The ledger key of an exporter: its USCC (统一社会信用代码) when given, else its name.
 * The USCC is preferred because names vary in spelling across manifests; a company has one USCC.
 */
export function exporterKey(exporter: { name: string; uscc?: string }): string {
  const uscc = exporter.uscc?.trim();
  if (uscc) return uscc;
  const name = exporter.name.trim();
  if (!name) throw new Error('exporter has neither a USCC nor a name');
  return name;
}
