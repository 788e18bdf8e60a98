// The portal's tenant-wide views: the home page's numbers and the filtered list each number opens.
export {
  DASHBOARD_DAYS,
  listingWindow,
  tenantDashboard,
  type TDashboard,
  type TDashboardFeed,
  type TDashboardModel,
} from "../tenant-dashboard.ts";
export {
  LISTED_CSV_COLUMNS,
  listedCsv,
  listedView,
  type TListedFilter,
  type TListedRow,
} from "../listed-view.ts";
export {
  removeSavedFilter,
  saveListedFilter,
  savedListedFilters,
  type TSavedFilter,
  type TSavedFilterFields,
} from "../saved-filters.ts";
