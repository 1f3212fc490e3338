/** Pulp's text filters on names and paths (`name`, `name__in`, `name__contains`, …). */
export interface TextMatch {
  exact?: string;
  iexact?: string;
  in?: string[];
  contains?: string;
  icontains?: string;
  startswith?: string;
  istartswith?: string;
}
