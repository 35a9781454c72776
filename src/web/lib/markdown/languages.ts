/** What the highlighter knows about each language: enough to colour, not to parse. */
export interface LanguageSpec {
  keywords: ReadonlySet<string>;
  literals: ReadonlySet<string>;
  lineComments: readonly string[];
  blockComment?: readonly [string, string];
  quotes: readonly string[];
  /** Python's ''' and """ strings. */
  tripleQuotes?: boolean;
  caseInsensitive?: boolean;
  /** `$NAME` and `${...}`-free shell variables shown as literals. */
  dollarVariables?: boolean;
  /** Markup: handled by the tag scanner instead. */
  markup?: boolean;
}

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

const script: LanguageSpec = {
  keywords: words(`
    async await break case catch class const continue debugger default delete do else enum export extends
    finally for from function if implements import in instanceof interface let new of private protected public
    readonly return static super switch this throw try type typeof var void while with yield as satisfies keyof declare namespace`),
  literals: words("true false null undefined NaN Infinity"),
  lineComments: ["//"],
  blockComment: ["/*", "*/"],
  quotes: ['"', "'", "`"],
};

const languages: Record<string, LanguageSpec> = {
  js: script,
  json: { keywords: words(""), literals: words("true false null"), lineComments: [], quotes: ['"'] },
  python: {
    keywords: words(`
      and as assert async await break class continue def del elif else except finally for from global if import
      in is lambda nonlocal not or pass raise return try while with yield match case`),
    literals: words("True False None self"),
    lineComments: ["#"],
    quotes: ['"', "'"],
    tripleQuotes: true,
  },
  bash: {
    keywords: words(`
      if then else elif fi for while until do done case esac in function return local export readonly select
      break continue echo cd exit set unset source alias`),
    literals: words("true false"),
    lineComments: ["#"],
    quotes: ['"', "'"],
    dollarVariables: true,
  },
  css: {
    keywords: words("important media import supports keyframes font-face from to and not only"),
    literals: words("inherit initial unset none auto"),
    lineComments: [],
    blockComment: ["/*", "*/"],
    quotes: ['"', "'"],
  },
  sql: {
    keywords: words(`
      select from where and or not insert into values update set delete create table alter drop index on join
      left right inner outer full cross group by order having limit offset as distinct union all case when then
      else end primary key foreign references default unique check constraint returning with in is like between
      exists begin commit rollback view trigger`),
    literals: words("null true false"),
    lineComments: ["--"],
    blockComment: ["/*", "*/"],
    quotes: ["'", '"'],
    caseInsensitive: true,
  },
  html: { keywords: words(""), literals: words(""), lineComments: [], quotes: ['"', "'"], markup: true },
};

const aliases: Record<string, string> = {
  javascript: "js",
  jsx: "js",
  mjs: "js",
  cjs: "js",
  ts: "js",
  typescript: "js",
  tsx: "js",
  py: "python",
  python3: "python",
  sh: "bash",
  shell: "bash",
  zsh: "bash",
  console: "bash",
  xml: "html",
  svg: "html",
  htm: "html",
  postgres: "sql",
  postgresql: "sql",
  mysql: "sql",
  sqlite: "sql",
  scss: "css",
  jsonc: "json",
};

export function languageSpec(name: string | null): LanguageSpec | null {
  if (!name) return null;
  const key = name.toLowerCase();
  return languages[aliases[key] ?? key] ?? null;
}
