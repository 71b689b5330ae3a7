/** Checks the care connectors (surveys, tickets) share about the source's configuration. */
import type { ConnectorContext } from '../../core/connector.js';
import { ConnectorConfigError } from '../../core/errors.js';

/**
 * A care record must belong to exactly one brand: the source lists one brand, or its rows name theirs.
 * @throws ConnectorConfigError when the source lists several brands and maps no brand column.
 */
export function requireSingleBrandOrColumn(
  ctx: Pick<ConnectorContext<unknown>, 'sourceId' | 'brands'>,
  brandColumn: string | undefined,
): void {
  if (brandColumn !== undefined || ctx.brands.length === 1) return;
  throw new ConnectorConfigError(
    `${ctx.sourceId} lists ${ctx.brands.length} brands (${ctx.brands.map((b) => b.key).join(', ')}) but no brand ` +
      'column: list one brand on the source, or map the export column naming the brand in options.columns.brand',
    ctx.sourceId,
  );
}
