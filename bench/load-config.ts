/**
 * The load the benches run: three brands of the demo (one with a query, two with keywords) and one demo
 * source, as YAML a user could save and run with `earshot up --config`.
 */

/** A config YAML with the benches' three brands and one demo source `id` with `options` (flow-style YAML). */
export function loadConfigYaml(id: string, options: string, extra = ''): string {
  return `brands:
  - { key: acme-air, name: Acme Air, query: '"acme air" OR @acmeair OR #acmeair' }
  - { key: globex, name: Globex Airways, keywords: { include: [globex] } }
  - { key: initech, name: Initech Mobile, keywords: { include: [initech] } }
sources:
  - id: ${id}
    type: demo
    brands: [acme-air, globex, initech]
${extra}    options: ${options}
`;
}
