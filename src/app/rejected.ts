/**
 * A rejected manifest on stderr: every problem, file:line:column and field first, in the run's language, and
 * without the values the messages quote. Outside the report a value may be personal data (a name and phone
 * number typed into an enum field), and stderr ends up in CI logs; the report, which the user asked for, keeps them.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { ErrorResult, Lang } from '../model/verdict.js';
import { formatDiagnosticIn } from '../report/error-text.js';
import { fieldsOnly, withoutValue } from '../validate/schemas.js';

export function rejectedLines(r: ErrorResult, lang: Lang): string[] {
  const details: NonNullable<ErrorResult['error']['details']> = r.error.details?.length
    ? r.error.details : [{ message: r.error.message, path: r.error.path ?? '', line: r.error.line, column: r.error.column }];
  return details.map((d) => {
    // An unknown key is the manifest's text (a name typed as a key): its pointer stops before it, its message names it not.
    // Schema messages start with the pointer they are about.
    const pointer = fieldsOnly('manifest', d.path);
    const message = pointer === d.path ? d.message
      : d.message.replace(`${d.path} `, `${pointer} `).replace(/unknown field "[\s\S]*"$/, 'unknown field "…"');
    return formatDiagnosticIn(withoutValue({
      code: r.error.code as Diagnostic['code'], severity: 'error', message, ...(d.hint ? { hint: d.hint } : {}),
      location: { uri: r.source, pointer, line: d.line, column: d.column },
    }), lang);
  });
}
