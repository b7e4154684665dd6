#!/usr/bin/env bash
# Grants dnsfailover the narrowest built-in role that works: "DNS Zone Contributor", scoped to the
# one zone it manages (not the resource group, not the subscription). The role lets it list, read,
# create, replace and delete record sets in that zone; it cannot touch other zones or resources.
#
# Usage: AZURE_SUBSCRIPTION_ID=... ./setup.sh <resource-group> <zone> <principal-object-id>
#   principal: the managed identity's or service principal's object id, for example
#   az identity show -g <rg> -n <identity> --query principalId -o tsv
set -euo pipefail

resource_group=${1:?resource group}
zone=${2:?zone name, without the trailing dot}
principal=${3:?principal object id}

zone_id=$(az network dns zone show \
  --subscription "${AZURE_SUBSCRIPTION_ID:?set AZURE_SUBSCRIPTION_ID}" \
  --resource-group "$resource_group" --name "$zone" --query id --output tsv)

az role assignment create \
  --assignee-object-id "$principal" \
  --assignee-principal-type ServicePrincipal \
  --role "DNS Zone Contributor" \
  --scope "$zone_id"

echo "Granted DNS Zone Contributor on $zone_id"
echo "Check with: dnsfailover plan -c config.yaml"
