"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/text-field";

type UploadState =
  | { phase: "idle" }
  | { phase: "uploading"; percent: number }
  | { phase: "storing" }
  | { phase: "failed"; error: string; field?: string };

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/**
 * Sends the file as the raw request body with XMLHttpRequest, which (unlike fetch) reports upload
 * progress; the server parses and stores it as it streams in.
 */
export function UploadForm() {
  const router = useRouter();
  const [state, setState] = useState<UploadState>({ phase: "idle" });
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState("auto");
  const [delimiter, setDelimiter] = useState("auto");
  const [typed, setTyped] = useState(true);
  const busy = state.phase === "uploading" || state.phase === "storing";

  function upload() {
    if (!file) return setState({ phase: "failed", error: "Choose a file to upload.", field: "file" });
    const params = new URLSearchParams({
      name,
      fileName: file.name,
      format,
      delimiter,
      typed: typed ? "1" : "0",
    });
    const request = new XMLHttpRequest();
    request.open("POST", `/api/datasets/upload?${params}`);
    request.setRequestHeader("content-type", file.type || "application/octet-stream");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable)
        setState({ phase: "uploading", percent: Math.round((event.loaded / event.total) * 100) });
    };
    request.upload.onload = () => setState({ phase: "storing" });
    request.onload = () => {
      let answer: { id?: string; error?: string; field?: string } = {};
      try {
        answer = JSON.parse(request.responseText);
      } catch {
        answer = { error: `The upload failed (${request.status}).` };
      }
      if (request.status === 201 && answer.id) router.push(`/datasets/${answer.id}`);
      else
        setState({
          phase: "failed",
          error: answer.error ?? `The upload failed (${request.status}).`,
          field: answer.field,
        });
    };
    request.onerror = () =>
      setState({
        phase: "failed",
        error: "The upload was interrupted. Check your connection and try again.",
      });
    setState({ phase: "uploading", percent: 0 });
    request.send(file);
  }

  const failure = state.phase === "failed" ? state : null;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        upload();
      }}
    >
      <fieldset disabled={busy} className="space-y-4">
        <FormError message={failure && failure.field !== "name" ? failure.error : null} />
        <TextField
          label="Dataset name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={failure?.field === "name" ? failure.error : undefined}
        />
        <div>
          <label htmlFor="upload-file" className="block text-sm font-medium text-slate-700">
            File
          </label>
          <input
            id="upload-file"
            type="file"
            accept=".json,.ndjson,.jsonl,.csv,.tsv,.txt,application/json,text/csv"
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              if (chosen && !name) setName(chosen.name.replace(/\.[^.]+$/, ""));
            }}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-700"
          />
          <p className="mt-1 text-sm text-slate-500">
            JSON (an array of objects), NDJSON, or CSV with a header row.
          </p>
        </div>
        <div className="grid grid-cols-2 gap-4">
          <div>
            <label htmlFor="upload-format" className="block text-sm font-medium text-slate-700">
              Format
            </label>
            <select
              id="upload-format"
              value={format}
              onChange={(e) => setFormat(e.target.value)}
              className={selectClass}
            >
              <option value="auto">Detect</option>
              <option value="json">JSON</option>
              <option value="ndjson">NDJSON</option>
              <option value="csv">CSV</option>
            </select>
          </div>
          <div>
            <label htmlFor="upload-delimiter" className="block text-sm font-medium text-slate-700">
              CSV delimiter
            </label>
            <select
              id="upload-delimiter"
              value={delimiter}
              onChange={(e) => setDelimiter(e.target.value)}
              className={selectClass}
            >
              <option value="auto">Detect</option>
              <option value=",">Comma ,</option>
              <option value=";">Semicolon ;</option>
              <option value={"\t"}>Tab</option>
              <option value="|">Pipe |</option>
            </select>
          </div>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={typed} onChange={(e) => setTyped(e.target.checked)} />
          Read CSV numbers and true/false as numbers and booleans
        </label>
        {busy ? (
          <div>
            <progress
              aria-label="Upload progress"
              max={100}
              value={state.phase === "uploading" ? state.percent : 100}
              className="h-2 w-full overflow-hidden rounded"
            />
            <p className="mt-1 text-sm text-slate-600">
              {state.phase === "uploading" ? `Uploading… ${state.percent}%` : "Storing records…"}
            </p>
          </div>
        ) : null}
        <Button type="submit">Upload</Button>
      </fieldset>
    </form>
  );
}
