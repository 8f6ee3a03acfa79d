export const dynamic = "force-dynamic";
export {
  readDeliverySettingsRoute as GET,
  saveDeliverySettingsRoute as PUT,
} from "@/lib/api/v1/destinations";
