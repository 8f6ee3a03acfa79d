import type { ReactNode } from "react";
import type { ConnectorView } from "@/lib/connectors/connector-view";

export function ConnectorHeader({
  connector,
  title,
  children,
}: {
  connector: ConnectorView;
  title: string;
  children?: ReactNode;
}) {
  return (
    <header className="mb-6 flex items-start gap-4">
      {/* biome-ignore lint/performance/noImgElement: small static logos */}
      <img src={connector.logo} alt="" width={48} height={48} />
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {connector.description}{" "}
          {connector.docsUrl.startsWith("http") ? (
            <a
              href={connector.docsUrl}
              target="_blank"
              rel="noreferrer"
              className="font-medium text-brand-600 hover:underline"
            >
              API documentation
            </a>
          ) : null}
        </p>
        {children}
      </div>
    </header>
  );
}
