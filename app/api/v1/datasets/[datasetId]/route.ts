export const dynamic = "force-dynamic";
export {
  deleteDatasetRoute as DELETE,
  getDatasetRoute as GET,
  renameDatasetRoute as PATCH,
} from "@/lib/api/v1/datasets";
