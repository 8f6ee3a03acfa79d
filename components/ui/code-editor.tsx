"use client";

import { json, jsonParseLinter } from "@codemirror/lang-json";
import { linter, lintGutter } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";

/**
 * A CodeMirror editor for request bodies: line numbers, bracket matching, and for JSON a linter
 * that marks the error where it is. Controlled: `value` replaces the text when it changes from
 * outside (a new sample), while typing reports through `onChange`.
 */
export function CodeEditor({
  label,
  value,
  language,
  onChange,
}: {
  label: string;
  value: string;
  language: "json" | "text";
  onChange: (value: string) => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is made once per language; value is synced below
  useEffect(() => {
    const editor = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          language === "json" ? [json(), linter(jsonParseLinter()), lintGutter()] : [],
          EditorView.lineWrapping,
          // CodeMirror adds its styles as a style element, which the page's CSP admits only with the nonce.
          EditorView.cspNonce.of(documentNonce()),
          EditorView.contentAttributes.of({ "aria-label": label, "aria-multiline": "true" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
  }, [language, label]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="max-h-80 overflow-auto rounded-md border border-slate-300 text-xs" />;
}

/**
 * The nonce of this document's Content-Security-Policy, read from a script Next put it on. Not
 * from the server's render: a refresh renders with the nonce of its own request, while the
 * document keeps the policy it was loaded with. Browsers hide the attribute but not `.nonce`.
 */
function documentNonce(): string {
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";
}
