import { describe, expect, it } from "vitest";
import { compileHighlighter } from "./highlight";
import { parseSearchQuery } from "./query";

const highlights = (q: string, content: string) => compileHighlighter(parseSearchQuery(q).terms)(content);

describe("compileHighlighter", () => {
  it("returns matched substrings as written, once each, in order of appearance", () => {
    expect(highlights("deploy", "Redeployed; DEPLOY again, deploy")).toEqual(["deploy", "DEPLOY"]);
  });

  it("prefers the longer of two overlapping terms", () => {
    expect(highlights("serv server", "the Server is up")).toEqual(["Server"]);
  });

  it("matches short words only as whole words, as the SQL does", () => {
    expect(highlights("go", "go going ago Go!")).toEqual(["go", "Go"]);
  });

  it("matches a phrase across punctuation between its words", () => {
    expect(highlights('"hello world"', "Hello, world! hello world")).toEqual(["Hello, world", "hello world"]);
  });

  it("treats regular expression characters literally", () => {
    expect(highlights("c++ (x)", "I like c++ and (x)")).toEqual(["c++", "(x)"]);
  });

  it("highlights nothing for filter-only queries", () => {
    expect(highlights("from:ada has:link", "https://example.com")).toEqual([]);
  });
});
