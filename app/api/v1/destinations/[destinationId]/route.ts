export const dynamic = "force-dynamic";
export {
  deleteDestinationRoute as DELETE,
  getDestinationRoute as GET,
  updateDestinationRoute as PUT,
} from "@/lib/api/v1/destinations";
