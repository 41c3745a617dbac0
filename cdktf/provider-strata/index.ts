// The bindings of every resource, data source and the provider (generated under providers/strata/).
export * from './providers/strata';
