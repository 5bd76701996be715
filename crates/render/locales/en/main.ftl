# English, on request.

shell-skip-link = Skip to content
shell-nav-label = Main menu
shell-motto = Do what you say, and say what you do.
shell-footer = Residents decide, together with police, municipality, community workers and housing corporations, what needs to happen in their neighbourhood.
nav-neighbourhoods = Neighbourhoods

home-title = Neighbourhoods
home-intro = In these neighbourhoods residents and organisations work together for a safe and pleasant place to live. Residents say what needs to improve. The neighbourhood team gets to work on it.
home-cycle-label = How it works, every eight weeks
home-cycle-collect = The team asks residents what bothers them: in the street, at the door and online.
home-cycle-vote = At the neighbourhood meeting you choose, with three stickers, what matters most.
home-cycle-act = The team agrees who does what, and by when.
home-cycle-report = You hear what was done, and what was not and why.
home-table-caption = Neighbourhoods and their team
home-col-neighbourhood = Neighbourhood
home-col-district = District
home-col-population = Residents
home-col-team = Team
home-empty = No neighbourhoods have been entered yet.
pager-label = More neighbourhoods
pager-first = Back to the start
pager-next = Next neighbourhoods

error-home-link = Go to the home page
error-reference = Want to report this? Please quote this code: { $id }
error-bad-request-title = This request is not right
error-bad-request-body = The link or form contains something we do not understand. Check the link, or start again from the home page.
error-forbidden-title = No access
error-forbidden-body = You may not view this page. If you think that is wrong, please contact your neighbourhood team.
error-not-found-title = Page not found
error-not-found-body = This page does not exist (any more). The link may be old, or contain a typing error.
error-method-not-allowed-title = That does not work here
error-method-not-allowed-body = This page does not work that way. Go back and try again.
error-timeout-title = That took too long
error-timeout-body = We could not answer in time. Please try again in a few minutes.
error-too-large-title = Too much data
error-too-large-body = You sent more data than we can take at once. Make the file or text smaller and try again.
error-internal-title = Something went wrong
error-internal-body = This is our fault, not yours. Please try again in a few minutes.
error-invalid-cursor = This link to a next page is not valid.
