import { formatCount } from "./format-stats";
import { formatDateTimeSeconds } from "./format-time";

type Job = {
  jobUrl: string;
  records: number;
  lastCheckedAt: Date | null;
  lastAnswer: string | null;
  nextCheckAt: Date;
};

/** The job's id: the last segment of its status URL. */
function jobId(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split("/").filter(Boolean).at(-1) ?? url);
  } catch {
    return url;
  }
}

/** What a run waits for after its requests went out: the API's batch jobs, each as last checked. */
export function RunJobs({ jobs, apiName, now }: { jobs: Job[]; apiName: string; now: Date }) {
  if (jobs.length === 0) return null;
  return (
    <section
      aria-labelledby="run-jobs-heading"
      className="rounded-lg border border-sky-200 bg-sky-50 p-5 text-sm"
    >
      <h2 id="run-jobs-heading" className="font-semibold text-sky-900">
        Waiting for {jobs.length === 1 ? "1 import job" : `${jobs.length} import jobs`} at {apiName}
      </h2>
      <p className="mt-1 text-sky-900">
        {apiName} accepted these batches and imports them in the background. Their records count as delivered
        unless a job reports them failed; the run ends once every job has answered.
      </p>
      <ul aria-label="Import jobs" className="mt-3 space-y-1">
        {jobs.map((job) => (
          <li key={job.jobUrl} className="font-mono text-xs text-slate-800">
            {jobId(job.jobUrl)} · {formatCount(job.records)} records ·{" "}
            {job.lastCheckedAt
              ? `last checked ${formatDateTimeSeconds(job.lastCheckedAt)} → ${job.lastAnswer ?? "no answer"}`
              : "not checked yet"}{" "}
            · next check{" "}
            {job.nextCheckAt.getTime() <= now.getTime() ? "due now" : formatDateTimeSeconds(job.nextCheckAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}
