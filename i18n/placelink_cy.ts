<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy" sourcelanguage="en_GB">
  <context>
    <name>CatchmentsDock</name>
    <message>
      <source>Catchments</source>
      <translation>Dalgylchoedd</translation>
    </message>
    <message>
      <source>Facilities</source>
      <translation>Cyfleusterau</translation>
    </message>
    <message>
      <source>The facilities (schools, libraries, depots…) as points.</source>
      <translation>Y cyfleusterau (ysgolion, llyfrgelloedd, depos…) fel pwyntiau.</translation>
    </message>
    <message>
      <source>Name field</source>
      <translation>Maes enw</translation>
    </message>
    <message>
      <source>The field holding each facility's name (used in the legend, labels and reasons).</source>
      <translation>Y maes sy'n dal enw pob cyfleuster (a ddefnyddir yn yr allwedd, y labeli a'r rhesymau).</translation>
    </message>
    <message>
      <source>Addresses</source>
      <translation>Cyfeiriadau</translation>
    </message>
    <message>
      <source>The addresses to assign: a canonical addresses layer or any points.</source>
      <translation>Y cyfeiriadau i'w neilltuo: haen gyfeiriadau ganonaidd neu unrhyw bwyntiau.</translation>
    </message>
    <message>
      <source>Method</source>
      <translation>Dull</translation>
    </message>
    <message>
      <source>Straight line, along the street network, or along the network with each facility's capacity.</source>
      <translation>Llinell syth, ar hyd y rhwydwaith strydoedd, neu ar hyd y rhwydwaith gyda chapasiti pob cyfleuster.</translation>
    </message>
    <message>
      <source>Street network</source>
      <translation>Rhwydwaith strydoedd</translation>
    </message>
    <message>
      <source>The street network to measure along (lines); only for the network methods.</source>
      <translation>Y rhwydwaith strydoedd i fesur ar ei hyd (llinellau); dim ond ar gyfer dulliau'r rhwydwaith.</translation>
    </message>
    <message>
      <source>Capacity field</source>
      <translation>Maes capasiti</translation>
    </message>
    <message>
      <source>The field holding each facility's places; only for the capacity method.</source>
      <translation>Y maes sy'n dal lleoedd pob cyfleuster; dim ond ar gyfer y dull capasiti.</translation>
    </message>
    <message>
      <source>Boundary</source>
      <translation>Ffin</translation>
    </message>
    <message>
      <source>Optional: the council's boundary, to clip the catchments to.</source>
      <translation>Dewisol: ffin y cyngor, i docio'r dalgylchoedd iddi.</translation>
    </message>
    <message>
      <source>Bands</source>
      <translation>Bandiau</translation>
    </message>
    <message>
      <source>Distance bands to draw, e.g. 400,800,1600 (metres), or minutes with a speed.</source>
      <translation>Bandiau pellter i'w llunio, e.e. 400,800,1600 (metrau), neu funudau gyda chyflymder.</translation>
    </message>
    <message>
      <source>400,800,1600</source>
      <translation>400,800,1600</translation>
    </message>
    <message>
      <source>Whether the bands are metres or minutes.</source>
      <translation>Ai metrau neu funudau yw'r bandiau.</translation>
    </message>
    <message>
      <source>Walking speed for bands in minutes.</source>
      <translation>Cyflymder cerdded ar gyfer bandiau mewn munudau.</translation>
    </message>
    <message>
      <source> km/h</source>
      <translation> km/awr</translation>
    </message>
    <message>
      <source>Map title</source>
      <translation>Teitl y map</translation>
    </message>
    <message>
      <source>The title of the catchment map.</source>
      <translation>Teitl map y dalgylchoedd.</translation>
    </message>
    <message>
      <source>Catchment areas</source>
      <translation>Ardaloedd dalgylch</translation>
    </message>
    <message>
      <source>Make the catchments in the background (placelink:catchments, then placelink:catchmentmap); results go to the project's results folder.</source>
      <translation>Gwneud y dalgylchoedd yn y cefndir (placelink:catchments, yna placelink:catchmentmap); mae'r canlyniadau'n mynd i ffolder canlyniadau'r prosiect.</translation>
    </message>
    <message>
      <source>Make catchments</source>
      <translation>Gwneud dalgylchoedd</translation>
    </message>
    <message>
      <source>Stop the run; nothing half-written is kept.</source>
      <translation>Atal y rhediad; ni chedwir dim sydd wedi'i hanner ysgrifennu.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Canslo</translation>
    </message>
    <message>
      <source>How far the run has got.</source>
      <translation>Pa mor bell mae'r rhediad wedi mynd.</translation>
    </message>
    <message>
      <source>Choose facilities and addresses, then make the catchments.</source>
      <translation>Dewiswch gyfleusterau a chyfeiriadau, yna gwnewch y dalgylchoedd.</translation>
    </message>
  </context>
  <context>
    <name>FindAddressDock</name>
    <message>
      <source>Find address</source>
      <translation>Dod o hyd i gyfeiriad</translation>
    </message>
    <message>
      <source>Gazetteer</source>
      <translation>Gazetiadur</translation>
    </message>
    <message>
      <source>The address gazetteer to search: a canonical addresses layer.</source>
      <translation>Y gazetiadur cyfeiriadau i chwilio ynddo: haen gyfeiriadau ganonaidd.</translation>
    </message>
    <message>
      <source>Type a UPRN, a postcode (whole or begun), a street or an address; typos are fine. Up/Down choose, Enter goes there.</source>
      <translation>Teipiwch UPRN, cod post (cyfan neu ei ddechrau), stryd neu gyfeiriad; mae gwallau teipio'n iawn. Mae Fyny/Lawr yn dewis, Enter yn mynd yno.</translation>
    </message>
    <message>
      <source>Type an address, e.g. flat 2 10 high st</source>
      <translation>Teipiwch gyfeiriad, e.e. fflat 2 10 stryd fawr</translation>
    </message>
    <message>
      <source>Addresses that fit, best first; the tooltip says why each was found. Click or press Enter to select it and go there.</source>
      <translation>Cyfeiriadau sy'n cyfateb, y gorau'n gyntaf; mae'r cyngor offer yn dweud pam y cafwyd pob un. Cliciwch neu pwyswch Enter i'w ddewis a mynd yno.</translation>
    </message>
    <message>
      <source>Choose a gazetteer and type an address.</source>
      <translation>Dewiswch gazetiadur a theipiwch gyfeiriad.</translation>
    </message>
  </context>
  <context>
    <name>PlaceLink</name>
    <message>
      <source>Load addresses…</source>
      <translation>Llwytho cyfeiriadau…</translation>
    </message>
    <message>
      <source>Load streets…</source>
      <translation>Llwytho strydoedd…</translation>
    </message>
    <message>
      <source>Load postcodes…</source>
      <translation>Llwytho codau post…</translation>
    </message>
    <message>
      <source>Match addresses to UPRNs…</source>
      <translation>Paru cyfeiriadau ag UPRN…</translation>
    </message>
    <message>
      <source>Data quality</source>
      <translation>Ansawdd data</translation>
    </message>
    <message>
      <source>Find address</source>
      <translation>Dod o hyd i gyfeiriad</translation>
    </message>
    <message>
      <source>Review matches</source>
      <translation>Adolygu parau</translation>
    </message>
    <message>
      <source>Catchments</source>
      <translation>Dalgylchoedd</translation>
    </message>
    <message>
      <source>PlaceLink</source>
      <translation>PlaceLink</translation>
    </message>
    <message>
      <source>Results folder for unsaved projects…</source>
      <translation>Ffolder canlyniadau ar gyfer prosiectau heb eu cadw…</translation>
    </message>
    <message>
      <source>Open the sample council</source>
      <translation>Agor y cyngor enghreifftiol</translation>
    </message>
    <message>
      <source>Install missing Python packages…</source>
      <translation>Gosod pecynnau Python sydd ar goll…</translation>
    </message>
    <message>
      <source>Apply change-only updates</source>
      <translation>Cymhwyso diweddariadau newid-yn-unig</translation>
    </message>
    <message>
      <source>Load</source>
      <translation>Llwytho</translation>
    </message>
    <message>
      <source>LLPG</source>
      <translation>LLPG</translation>
    </message>
    <message>
      <source>UPRN</source>
      <translation>UPRN</translation>
    </message>
    <message>
      <source>COU</source>
      <translation>COU</translation>
    </message>
    <message>
      <source>change-only update</source>
      <translation>diweddariad newid-yn-unig</translation>
    </message>
    <message>
      <source>DTF 7.3</source>
      <translation>DTF 7.3</translation>
    </message>
    <message>
      <source>AddressBase</source>
      <translation>AddressBase</translation>
    </message>
    <message>
      <source>gazetteer maintenance</source>
      <translation>cynnal y gazetiadur</translation>
    </message>
    <message>
      <source>PostGIS</source>
      <translation>PostGIS</translation>
    </message>
    <message>
      <source>Applies change-only update files (GeoPlace DTF 7.3 or OS AddressBase Premium change-only, header file type C, change types I, U and D) to an addresses layer you loaded before (TARGET: a GeoPackage layer or a PostGIS table). This is the one PlaceLink tool that changes your layer: that is what it is for.

The files are applied in the order given, all in ONE transaction: if a file cannot be read or applied, or you cancel, nothing is changed. A BLPU insert adds an address, a BLPU or LPI update rebuilds it (records the file lacks, such as the BLPU of an LPI change or a street's names, are taken from TARGET), a BLPU delete removes it.

REJECTED lists the changes that could not be applied, with the reason: an update of a UPRN that TARGET does not hold, a delete of one already gone, an insert of one already there, and any row the reader cannot use. Each file gets a row in the table placelink_update_log beside TARGET (when, file, counts, plugin version).</source>
      <translation>Yn cymhwyso ffeiliau diweddaru newid-yn-unig (GeoPlace DTF 7.3 neu OS AddressBase Premium newid-yn-unig, math ffeil pennyn C, mathau newid I, U a D) i haen gyfeiriadau a lwythwyd gennych o'r blaen (TARGET: haen GeoPackage neu dabl PostGIS). Dyma'r un offeryn PlaceLink sy'n newid eich haen: dyna'i bwrpas.

Cymhwysir y ffeiliau yn y drefn a roddir, i gyd mewn UN trafodyn: os na ellir darllen neu gymhwyso ffeil, neu os byddwch yn canslo, ni newidir dim. Mae mewnosod BLPU yn ychwanegu cyfeiriad, mae diweddaru BLPU neu LPI yn ei ailadeiladu (cymerir o TARGET y cofnodion sydd ar goll o'r ffeil, fel BLPU newid LPI neu enwau stryd), ac mae dileu BLPU yn ei dynnu.

Mae REJECTED yn rhestru'r newidiadau na ellid eu cymhwyso, gyda'r rheswm: diweddaru UPRN nad yw yn TARGET, dileu un sydd eisoes wedi mynd, mewnosod un sydd eisoes yno, ac unrhyw res na all y darllenydd ei defnyddio. Caiff pob ffeil res yn y tabl placelink_update_log wrth ymyl TARGET (pryd, ffeil, cyfrifon, fersiwn yr ategyn).</translation>
    </message>
    <message>
      <source>Change-only update files, in the order to apply</source>
      <translation>Ffeiliau diweddaru newid-yn-unig, yn y drefn i'w cymhwyso</translation>
    </message>
    <message>
      <source>Format</source>
      <translation>Fformat</translation>
    </message>
    <message>
      <source>Addresses layer to update</source>
      <translation>Haen gyfeiriadau i'w diweddaru</translation>
    </message>
    <message>
      <source>Rejected changes</source>
      <translation>Newidiadau a wrthodwyd</translation>
    </message>
    <message>
      <source>Update log table</source>
      <translation>Tabl log diweddaru</translation>
    </message>
    <message>
      <source>Give at least one change-only file as INPUT.</source>
      <translation>Rhowch o leiaf un ffeil newid-yn-unig fel INPUT.</translation>
    </message>
    <message>
      <source>TARGET is not a vector layer.</source>
      <translation>Nid haen fector yw TARGET.</translation>
    </message>
    <message>
      <source>Could not create REJECTED.</source>
      <translation>Methu creu REJECTED.</translation>
    </message>
    <message>
      <source>Auto-detect</source>
      <translation>Canfod yn awtomatig</translation>
    </message>
    <message>
      <source>Cancelled ({why}): nothing was changed in TARGET.</source>
      <translation>Wedi canslo ({why}): ni newidiwyd dim yn TARGET.</translation>
    </message>
    <message>
      <source>{why}. Nothing was changed in TARGET.</source>
      <translation>{why}. Ni newidiwyd dim yn TARGET.</translation>
    </message>
    <message>
      <source>{file}: {i} inserted, {u} updated, {d} deleted, {r} rejected ({n} rows)</source>
      <translation>{file}: {i} wedi'u mewnosod, {u} wedi'u diweddaru, {d} wedi'u dileu, {r} wedi'u gwrthod ({n} rhes)</translation>
    </message>
    <message>
      <source>Could not open TARGET for update: {why}</source>
      <translation>Methu agor TARGET i'w diweddaru: {why}</translation>
    </message>
    <message>
      <source>Applying {name}</source>
      <translation>Yn cymhwyso {name}</translation>
    </message>
    <message>
      <source>gazetteer</source>
      <translation>gazetiadur</translation>
    </message>
    <message>
      <source>Cancelled: no output was kept ({count} unfinished file(s) removed).</source>
      <translation>Wedi canslo: ni chadwyd unrhyw allbwn (tynnwyd {count} ffeil anorffenedig).</translation>
    </message>
    <message>
      <source>Catchment map</source>
      <translation>Map dalgylchoedd</translation>
    </message>
    <message>
      <source>catchment</source>
      <translation>dalgylch</translation>
    </message>
    <message>
      <source>map</source>
      <translation>map</translation>
    </message>
    <message>
      <source>print layout</source>
      <translation>cynllun argraffu</translation>
    </message>
    <message>
      <source>PDF</source>
      <translation>PDF</translation>
    </message>
    <message>
      <source>school</source>
      <translation>ysgol</translation>
    </message>
    <message>
      <source>admissions</source>
      <translation>derbyniadau</translation>
    </message>
    <message>
      <source>Renders a finished catchment map on an A4 landscape page and exports it to PDF or PNG (by the OUTPUT file's extension).

The map shows the catchments in distinct colours (up to ten facilities each get their own colour; with more, colours are reused only by catchments that do not touch), the facilities as labelled stars, band outlines if given, and the street network underneath if given. Beside it: the title, the date, a legend with each catchment's address count, a scale bar, a north arrow and, when OS data is used, the 'Contains OS data © Crown copyright and database right' attribution (ATTRIBUTION 'auto' looks for OS products in the layers' sources and `source` fields).

Run from QGIS, the styled layers and the print layout are also added to the project (group 'Catchment map'), so the analyst can edit the layout. Your own layers and their styles are not changed: the map uses styled copies.</source>
      <translation>Yn llunio map dalgylchoedd gorffenedig ar dudalen A4 tirwedd ac yn ei allforio i PDF neu PNG (yn ôl estyniad ffeil OUTPUT).

Mae'r map yn dangos y dalgylchoedd mewn lliwiau gwahanol (hyd at ddeg cyfleuster yn cael eu lliw eu hunain; gyda mwy, ailddefnyddir lliwiau dim ond gan ddalgylchoedd nad ydynt yn cyffwrdd), y cyfleusterau fel sêr â labeli, amlinellau'r bandiau os rhoddir hwy, a'r rhwydwaith strydoedd oddi tanynt os rhoddir ef. Wrth ei ochr: y teitl, y dyddiad, allwedd gyda nifer cyfeiriadau pob dalgylch, bar graddfa, saeth y gogledd ac, wrth ddefnyddio data OS, y priodoliad 'Contains OS data © Crown copyright and database right' (mae ATTRIBUTION 'auto' yn chwilio am gynhyrchion OS yn ffynonellau'r haenau ac ym meysydd `source`).

O'i redeg yn QGIS, ychwanegir yr haenau wedi'u steilio a'r cynllun argraffu at y prosiect hefyd (grŵp 'Catchment map'), fel y gall y dadansoddwr olygu'r cynllun. Ni newidir eich haenau eich hun na'u steiliau: mae'r map yn defnyddio copïau wedi'u steilio.</translation>
    </message>
    <message>
      <source>TITLE</source>
      <translation>TEITL</translation>
    </message>
    <message>
      <source>Styling layers</source>
      <translation>Yn steilio'r haenau</translation>
    </message>
    <message>
      <source>Rendering the map</source>
      <translation>Yn llunio'r map</translation>
    </message>
    <message>
      <source>Catchment name field</source>
      <translation>Maes enw'r dalgylch</translation>
    </message>
    <message>
      <source>Address count field</source>
      <translation>Maes nifer y cyfeiriadau</translation>
    </message>
    <message>
      <source>Facilities</source>
      <translation>Cyfleusterau</translation>
    </message>
    <message>
      <source>Facility label field</source>
      <translation>Maes label y cyfleuster</translation>
    </message>
    <message>
      <source>Band areas</source>
      <translation>Ardaloedd bandiau</translation>
    </message>
    <message>
      <source>Street network (background)</source>
      <translation>Rhwydwaith strydoedd (cefndir)</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Teitl</translation>
    </message>
    <message>
      <source>OS attribution</source>
      <translation>Priodoli OS</translation>
    </message>
    <message>
      <source>Map file</source>
      <translation>Ffeil y map</translation>
    </message>
    <message>
      <source>Print layout name</source>
      <translation>Enw'r cynllun argraffu</translation>
    </message>
    <message>
      <source>CATCHMENTS is not a readable polygon layer.</source>
      <translation>Nid yw CATCHMENTS yn haen polygonau y gellir ei darllen.</translation>
    </message>
    <message>
      <source>nearest facility</source>
      <translation>cyfleuster agosaf</translation>
    </message>
    <message>
      <source>service area</source>
      <translation>ardal wasanaeth</translation>
    </message>
    <message>
      <source>network</source>
      <translation>rhwydwaith</translation>
    </message>
    <message>
      <source>distance bands</source>
      <translation>bandiau pellter</translation>
    </message>
    <message>
      <source>capacity</source>
      <translation>capasiti</translation>
    </message>
    <message>
      <source>Finds, for every address, its nearest facility (school, library, depot…) along the street network, draws catchment polygons that tile the area, and the areas within distance bands of each facility.

How: the network is turned into a graph once (nodes at line ends and at vertices that lines share; a line ending on the middle of another is joined there; lines that cross without a shared vertex, such as bridges, are not). Every facility and address joins its nearest street at the nearest point, and the distance counts the walk to the street plus the distance along it. One shortest-path search from all facilities together gives every address its nearest facility. Ties go to the facility with the lowest feature id. Without a NETWORK, distances are straight lines.

Addresses that cannot reach any facility (a separate part of the network, or farther from every street than MAX_SNAP_DISTANCE) are kept in ASSIGNMENTS with reachable = 0 and the reason, never given a straight-line answer.

CAPACITY_FIELD: addresses are assigned so that no facility takes more than its capacity and the total distance travelled is the least possible. This is solved exactly as a minimum-cost flow (addresses grouped by position, joined to the two ends of their street, ends joined to facilities) with scipy: the maximum number of addresses that capacity allows, then the cheapest way to place them (HiGHS). It is first solved with each street end's nearest facilities and then proven optimal against all of them (or widened until it is). Distances are whole millimetres. If capacity is short, the addresses left over are reported (reason 'could not be placed: every facility it can reach is full') and counted in OVERFLOW.

BANDS: distances such as 400,800,1600 (metres), or minutes when SPEED_KMH is set. BAND_AREAS are the streets within each band of their nearest facility, buffered by BAND_WIDTH, as rings (400–800 excludes 0–400) clipped to the catchments.

CATCHMENTS: Voronoi cells of the addresses dissolved by facility and clipped to BOUNDARY (default: around all addresses), so every point of the area belongs to exactly one catchment; addresses with no facility form a piece with no facility_id, named for why (could not be placed: facilities full; no facility reachable), listed last and in grey. Fields: facility_name, address_count, capacity, utilisation, area_m2.

Network options: SNAP_TOLERANCE joins line ends and vertices closer than it; DIRECTION_FIELD makes streets one-way (values such as yes/1/true/FT or -1/reverse/TF; OS 'inDirection'/'inOppositeDirection'), distances being measured from the address to the facility; EXCLUDE_MOTORWAYS drops lines whose road classification field (class, road_classification, highway, …) names a motorway.

All layers must use a projected CRS in metres; other layers are transformed to the ADDRESSES layer's CRS.</source>
      <translation>Yn canfod, ar gyfer pob cyfeiriad, ei gyfleuster agosaf (ysgol, llyfrgell, depo…) ar hyd y rhwydwaith strydoedd, yn llunio polygonau dalgylch sy'n teilio'r ardal, a'r ardaloedd o fewn bandiau pellter pob cyfleuster.

Sut: troir y rhwydwaith yn graff unwaith (nodau ar bennau llinellau ac ar fertigau a rennir gan linellau; unir llinell sy'n gorffen ar ganol un arall yno; nid unir llinellau sy'n croesi heb fertig a rennir, fel pontydd). Mae pob cyfleuster a chyfeiriad yn ymuno â'i stryd agosaf yn y pwynt agosaf, ac mae'r pellter yn cyfrif y daith at y stryd a'r pellter ar ei hyd. Mae un chwiliad llwybr byrraf o'r holl gyfleusterau gyda'i gilydd yn rhoi ei gyfleuster agosaf i bob cyfeiriad. Aiff cyfartaledd i'r cyfleuster â'r rhif nodwedd isaf. Heb NETWORK, llinellau syth yw'r pellteroedd.

Cedwir cyfeiriadau na allant gyrraedd unrhyw gyfleuster (rhan ar wahân o'r rhwydwaith, neu ymhellach o bob stryd na MAX_SNAP_DISTANCE) yn ASSIGNMENTS gyda reachable = 0 a'r rheswm; ni roddir ateb llinell syth iddynt byth.

CAPACITY_FIELD: neilltuir cyfeiriadau fel nad oes unrhyw gyfleuster yn cymryd mwy na'i gapasiti a bod cyfanswm y pellter a deithir mor fach â phosibl. Datrysir hyn yn union fel llif cost isaf (cyfeiriadau wedi'u grwpio yn ôl safle, wedi'u cysylltu â dau ben eu stryd, a'r pennau â'r cyfleusterau) gyda scipy: y nifer mwyaf o gyfeiriadau y mae'r capasiti yn ei ganiatáu, yna'r ffordd rataf o'u lleoli (HiGHS). Fe'i datrysir yn gyntaf gyda chyfleusterau agosaf pob pen stryd ac yna profir ei fod yn optimaidd yn erbyn pob un ohonynt (neu ehangir nes ei fod). Milimetrau cyfan yw'r pellteroedd. Os yw'r capasiti'n brin, adroddir am y cyfeiriadau sydd dros ben (rheswm 'could not be placed: every facility it can reach is full') a'u cyfrif yn OVERFLOW.

BANDS: pellteroedd fel 400,800,1600 (metrau), neu funudau pan osodir SPEED_KMH. BAND_AREAS yw'r strydoedd o fewn pob band o'u cyfleuster agosaf, wedi'u byfferu â BAND_WIDTH, fel cylchoedd (mae 400–800 yn hepgor 0–400) wedi'u tocio i'r dalgylchoedd.

CATCHMENTS: celloedd Voronoi y cyfeiriadau wedi'u toddi yn ôl cyfleuster a'u tocio i BOUNDARY (rhagosodiad: o amgylch yr holl gyfeiriadau), fel bod pob pwynt o'r ardal yn perthyn i union un dalgylch; mae cyfeiriadau heb gyfleuster yn ffurfio darn heb facility_id, wedi'i enwi yn ôl y rheswm (dim lle: y cyfleusterau'n llawn; dim cyfleuster o fewn cyrraedd), wedi'i restru'n olaf ac mewn llwyd. Meysydd: facility_name, address_count, capacity, utilisation, area_m2.

Dewisiadau'r rhwydwaith: mae SNAP_TOLERANCE yn uno pennau llinellau a fertigau sy'n agosach nag ef; mae DIRECTION_FIELD yn gwneud strydoedd yn unffordd (gwerthoedd fel yes/1/true/FT neu -1/reverse/TF; 'inDirection'/'inOppositeDirection' OS), gyda'r pellteroedd yn cael eu mesur o'r cyfeiriad i'r cyfleuster; mae EXCLUDE_MOTORWAYS yn gollwng llinellau y mae eu maes dosbarthiad ffyrdd (class, road_classification, highway, …) yn enwi traffordd.

Rhaid i bob haen ddefnyddio CRS wedi'i daflunio mewn metrau; trawsnewidir haenau eraill i CRS haen ADDRESSES.</translation>
    </message>
    <message>
      <source>Reading facilities and addresses</source>
      <translation>Yn darllen y cyfleusterau a'r cyfeiriadau</translation>
    </message>
    <message>
      <source>(could not be placed: facilities full)</source>
      <translation>(dim lle: y cyfleusterau'n llawn)</translation>
    </message>
    <message>
      <source>Facility name field</source>
      <translation>Maes enw'r cyfleuster</translation>
    </message>
    <message>
      <source>Capacity field (optional)</source>
      <translation>Maes capasiti (dewisol)</translation>
    </message>
    <message>
      <source>Addresses (or any points)</source>
      <translation>Cyfeiriadau (neu unrhyw bwyntiau)</translation>
    </message>
    <message>
      <source>Address key field (default: uprn if present, else feature id)</source>
      <translation>Maes allwedd y cyfeiriad (rhagosodiad: uprn os yw yno, fel arall rhif y nodwedd)</translation>
    </message>
    <message>
      <source>Street network (optional; none = straight-line distance)</source>
      <translation>Rhwydwaith strydoedd (dewisol; dim = pellter llinell syth)</translation>
    </message>
    <message>
      <source>Boundary (optional)</source>
      <translation>Ffin (dewisol)</translation>
    </message>
    <message>
      <source>Bands (metres, or minutes with a speed)</source>
      <translation>Bandiau (metrau, neu funudau gyda chyflymder)</translation>
    </message>
    <message>
      <source>Speed in km/h (optional: bands are then minutes)</source>
      <translation>Cyflymder mewn km/awr (dewisol: munudau yw'r bandiau wedyn)</translation>
    </message>
    <message>
      <source>Snap tolerance: join line ends and vertices closer than</source>
      <translation>Goddefiant snapio: uno pennau llinellau a fertigau sy'n agosach na</translation>
    </message>
    <message>
      <source>Farthest an address may be from a street (0 = no limit)</source>
      <translation>Y pellaf y caiff cyfeiriad fod o stryd (0 = dim terfyn)</translation>
    </message>
    <message>
      <source>One-way direction field (optional)</source>
      <translation>Maes cyfeiriad unffordd (dewisol)</translation>
    </message>
    <message>
      <source>Exclude motorways (walking)</source>
      <translation>Hepgor traffyrdd (cerdded)</translation>
    </message>
    <message>
      <source>Band area width either side of the street</source>
      <translation>Lled ardal y band bob ochr i'r stryd</translation>
    </message>
    <message>
      <source>Assignments</source>
      <translation>Aseiniadau</translation>
    </message>
    <message>
      <source>Addresses with no facility</source>
      <translation>Cyfeiriadau heb gyfleuster</translation>
    </message>
    <message>
      <source>Addresses over capacity</source>
      <translation>Cyfeiriadau dros gapasiti</translation>
    </message>
    <message>
      <source>FACILITIES and ADDRESSES are required.</source>
      <translation>Mae angen FACILITIES ac ADDRESSES.</translation>
    </message>
    <message>
      <source>FACILITIES has no features.</source>
      <translation>Does dim nodweddion yn FACILITIES.</translation>
    </message>
    <message>
      <source>Reading the street network</source>
      <translation>Yn darllen y rhwydwaith strydoedd</translation>
    </message>
    <message>
      <source>Could not create ASSIGNMENTS.</source>
      <translation>Methu creu ASSIGNMENTS.</translation>
    </message>
    <message>
      <source>Could not create CATCHMENTS.</source>
      <translation>Methu creu CATCHMENTS.</translation>
    </message>
    <message>
      <source>(no facility: full or not reachable)</source>
      <translation>(dim cyfleuster: llawn neu allan o gyrraedd)</translation>
    </message>
    <message>
      <source>(no facility reachable)</source>
      <translation>(dim cyfleuster o fewn cyrraedd)</translation>
    </message>
    <message>
      <source>Could not create BAND_AREAS.</source>
      <translation>Methu creu BAND_AREAS.</translation>
    </message>
    <message>
      <source>Cancelled.</source>
      <translation>Wedi canslo.</translation>
    </message>
    <message>
      <source>BOUNDARY has no polygon.</source>
      <translation>Does dim polygon yn BOUNDARY.</translation>
    </message>
    <message>
      <source>ADDRESSES must be in a projected CRS in metres (such as EPSG:27700); it is {crs}.</source>
      <translation>Rhaid i ADDRESSES fod mewn CRS wedi'i daflunio mewn metrau (fel EPSG:27700); {crs} ydyw.</translation>
    </message>
    <message>
      <source>{n} facilities have no point: {names}.</source>
      <translation>Does dim pwynt gan {n} cyfleuster: {names}.</translation>
    </message>
    <message>
      <source>EXCLUDE_MOTORWAYS is on but the network has no road classification field; no lines were excluded.</source>
      <translation>Mae EXCLUDE_MOTORWAYS ymlaen ond does gan y rhwydwaith ddim maes dosbarthiad ffyrdd; ni hepgorwyd unrhyw linellau.</translation>
    </message>
    <message>
      <source>Done: {stage}</source>
      <translation>Wedi gorffen: {stage}</translation>
    </message>
    <message>
      <source>FACILITIES has no field {name!r}.</source>
      <translation>Does dim maes {name!r} yn FACILITIES.</translation>
    </message>
    <message>
      <source>{n} facilities have no {field} value: {names}.</source>
      <translation>Does dim gwerth {field} gan {n} cyfleuster: {names}.</translation>
    </message>
    <message>
      <source>feature {fid}</source>
      <translation>nodwedd {fid}</translation>
    </message>
    <message>
      <source>Check gazetteer quality</source>
      <translation>Gwirio ansawdd y gazetiadur</translation>
    </message>
    <message>
      <source>Quality</source>
      <translation>Ansawdd</translation>
    </message>
    <message>
      <source>NSG</source>
      <translation>NSG</translation>
    </message>
    <message>
      <source>USRN</source>
      <translation>USRN</translation>
    </message>
    <message>
      <source>data quality</source>
      <translation>ansawdd data</translation>
    </message>
    <message>
      <source>validation</source>
      <translation>dilysu</translation>
    </message>
    <message>
      <source>GeoPlace</source>
      <translation>GeoPlace</translation>
    </message>
    <message>
      <source>Addresses (point layer)</source>
      <translation>Cyfeiriadau (haen bwyntiau)</translation>
    </message>
    <message>
      <source>Streets (line layer)</source>
      <translation>Strydoedd (haen linellau)</translation>
    </message>
    <message>
      <source>Authority boundary (polygon layer)</source>
      <translation>Ffin yr awdurdod (haen bolygonau)</translation>
    </message>
    <message>
      <source>Postcodes (Code-Point Open points)</source>
      <translation>Codau post (pwyntiau Code-Point Open)</translation>
    </message>
    <message>
      <source>Rules to run (e.g. A01,A05-A08,S*; empty for all)</source>
      <translation>Rheolau i'w rhedeg (e.e. A01,A05-A08,S*; gwag i'w rhedeg i gyd)</translation>
    </message>
    <message>
      <source>Quality issues</source>
      <translation>Problemau ansawdd</translation>
    </message>
    <message>
      <source>Quality summary</source>
      <translation>Crynodeb ansawdd</translation>
    </message>
    <message>
      <source>Quality report</source>
      <translation>Adroddiad ansawdd</translation>
    </message>
    <message>
      <source>HTML files (*.html)</source>
      <translation>Ffeiliau HTML (*.html)</translation>
    </message>
    <message>
      <source>Give an addresses layer as ADDRESSES.</source>
      <translation>Rhowch haen gyfeiriadau fel ADDRESSES.</translation>
    </message>
    <message>
      <source>Could not create the output layers.</source>
      <translation>Methu creu'r haenau allbwn.</translation>
    </message>
    <message>
      <source>Reading {n:,} addresses…</source>
      <translation>Yn darllen {n:,} cyfeiriad…</translation>
    </message>
    <message>
      <source>The BOUNDARY layer has no polygons.</source>
      <translation>Does dim polygonau yn haen BOUNDARY.</translation>
    </message>
    <message>
      <source>The POSTCODES layer has no 'postcode' field.</source>
      <translation>Does dim maes 'postcode' yn haen POSTCODES.</translation>
    </message>
    <message>
      <source>{issues:,} problem(s) from {checked} rule(s); overall {score:.1f}% of checks passed. Report: {report}</source>
      <translation>{issues:,} problem o {checked} rheol; pasiodd {score:.1f}% o'r gwiriadau i gyd. Adroddiad: {report}</translation>
    </message>
    <message>
      <source>Could not prepare {layer}: {error}</source>
      <translation>Methu paratoi {layer}: {error}</translation>
    </message>
    <message>
      <source>Cancelled while reading the layers.</source>
      <translation>Wedi canslo wrth ddarllen yr haenau.</translation>
    </message>
    <message>
      <source>{layer}: {read:,} features read, {kept:,} kept</source>
      <translation>{layer}: darllenwyd {read:,} nodwedd, cadwyd {kept:,}</translation>
    </message>
    <message>
      <source>Could not read {layer}: {error}</source>
      <translation>Methu darllen {layer}: {error}</translation>
    </message>
    <message>
      <source>Facility distances (home to school)</source>
      <translation>Pellteroedd cyfleusterau (cartref i'r ysgol)</translation>
    </message>
    <message>
      <source>home to school transport</source>
      <translation>cludiant o'r cartref i'r ysgol</translation>
    </message>
    <message>
      <source>distance</source>
      <translation>pellter</translation>
    </message>
    <message>
      <source>walking route</source>
      <translation>llwybr cerdded</translation>
    </message>
    <message>
      <source>eligibility</source>
      <translation>cymhwysedd</translation>
    </message>
    <message>
      <source>statutory walking distance</source>
      <translation>pellter cerdded statudol</translation>
    </message>
    <message>
      <source>The nearest NEAREST facilities (schools) of every address by the shortest walking route, for admissions ranking and home-to-school transport eligibility.

Distances run from where the address meets the network (its position along its street) to the facility's nearest gate (ACCESS_POINTS whose ACCESS_NAME_FIELD holds the facility's name; without gates, the facility point) at its position along its street. Walking rules: motorways (a road classification or number field naming a motorway) and lines marked unsuitable (an 'unsuitable' field that is yes/1, or a 'walkable'/'foot' field that is no/0) are left out; one-way streets are walked both ways.

PHASE_FIELD and PHASE keep only matching facilities (e.g. type = primary school). LIMITS are metres (3218.69,4828.03 are 2 and 3 miles): beyond_limit_m holds the largest limit the nearest facility's distance exceeds, NULL when within. Facilities within a millimetre of each other are ordered by name, or at random with SEED (TIE_BREAK). Every address gets at least one row; an address with no reachable facility gets one row without a rank, saying why in reason. ROUTES holds the measured route of each address to its nearest facility.

ALL_DISTANCES (optional, a table without geometry) holds every address to every facility kept, for admissions ranking against any school: one row per address and facility with uprn, rank (1 = nearest, ranked as OUTPUT ranks; NULL when no walking route), facility_name, network_m, straight_m and gate, each address's facilities nearest first. 500,000 addresses and 30 schools make 15 million rows: a GeoPackage or CSV file is written in large batches when the Python packages pyogrio and pyarrow are installed (a minute or so), other destinations feature by feature.</source>
      <translation>Y NEAREST cyfleuster (ysgol) agosaf at bob cyfeiriad ar hyd y llwybr cerdded byrraf, ar gyfer trefnu derbyniadau a chymhwysedd ar gyfer cludiant o'r cartref i'r ysgol.

Mae'r pellteroedd yn rhedeg o'r man lle mae'r cyfeiriad yn cwrdd â'r rhwydwaith (ei safle ar hyd ei stryd) at gât agosaf y cyfleuster (ACCESS_POINTS y mae eu ACCESS_NAME_FIELD yn dal enw'r cyfleuster; heb gatiau, pwynt y cyfleuster) yn ei safle ar hyd ei stryd. Rheolau cerdded: hepgorir traffyrdd (maes dosbarthiad neu rif ffordd sy'n enwi traffordd) a llinellau sydd wedi'u marcio'n anaddas (maes 'unsuitable' sy'n yes/1, neu faes 'walkable'/'foot' sy'n no/0); cerddir strydoedd unffordd y ddwy ffordd.

Mae PHASE_FIELD a PHASE yn cadw dim ond y cyfleusterau sy'n cyfateb (e.e. math = ysgol gynradd). Metrau yw LIMITS (3218.69,4828.03 yw 2 a 3 milltir): mae beyond_limit_m yn dal y terfyn mwyaf y mae pellter y cyfleuster agosaf yn ei groesi, NULL pan fo o fewn. Trefnir cyfleusterau o fewn milimetr i'w gilydd yn ôl enw, neu ar hap gyda SEED (TIE_BREAK). Caiff pob cyfeiriad o leiaf un rhes; caiff cyfeiriad heb gyfleuster o fewn cyrraedd un rhes heb safle, gan ddweud pam yn reason. Mae ROUTES yn dal llwybr mesuredig pob cyfeiriad at ei gyfleuster agosaf.

Mae ALL_DISTANCES (dewisol, tabl heb geometreg) yn dal pob cyfeiriad at bob cyfleuster a gedwir, ar gyfer trefnu derbyniadau yn erbyn unrhyw ysgol: un rhes ar gyfer pob cyfeiriad a chyfleuster gyda uprn, rank (1 = agosaf, wedi'i drefnu fel y mae OUTPUT yn trefnu; NULL pan nad oes llwybr cerdded), facility_name, network_m, straight_m a gate, a chyfleusterau pob cyfeiriad yn eu trefn, yr agosaf yn gyntaf. Mae 500,000 o gyfeiriadau a 30 o ysgolion yn gwneud 15 miliwn o resi: ysgrifennir ffeil GeoPackage neu CSV mewn sypiau mawr pan fo'r pecynnau Python pyogrio a pyarrow wedi'u gosod (tua munud), a chyrchfannau eraill fesul nodwedd.</translation>
    </message>
    <message>
      <source>no walking route</source>
      <translation>dim llwybr cerdded</translation>
    </message>
    <message>
      <source>Reading facilities, gates and addresses</source>
      <translation>Yn darllen y cyfleusterau, y gatiau a'r cyfeiriadau</translation>
    </message>
    <message>
      <source>Reading the walking network</source>
      <translation>Yn darllen y rhwydwaith cerdded</translation>
    </message>
    <message>
      <source>Building the walking graph</source>
      <translation>Yn adeiladu'r graff cerdded</translation>
    </message>
    <message>
      <source>Writing distances</source>
      <translation>Yn ysgrifennu'r pellteroedd</translation>
    </message>
    <message>
      <source>within every limit</source>
      <translation>o fewn pob terfyn</translation>
    </message>
    <message>
      <source>nearest reached</source>
      <translation>cyrhaeddwyd yr agosaf</translation>
    </message>
    <message>
      <source>Addresses (points with uprn)</source>
      <translation>Cyfeiriadau (pwyntiau ag uprn)</translation>
    </message>
    <message>
      <source>Facilities (schools)</source>
      <translation>Cyfleusterau (ysgolion)</translation>
    </message>
    <message>
      <source>Phase field (optional)</source>
      <translation>Maes cyfnod (dewisol)</translation>
    </message>
    <message>
      <source>Keep facilities whose phase is</source>
      <translation>Cadw cyfleusterau y mae eu cyfnod yn</translation>
    </message>
    <message>
      <source>Walking network (lines)</source>
      <translation>Rhwydwaith cerdded (llinellau)</translation>
    </message>
    <message>
      <source>Gates (optional points)</source>
      <translation>Gatiau (pwyntiau dewisol)</translation>
    </message>
    <message>
      <source>Gate's facility name field</source>
      <translation>Maes enw cyfleuster y gât</translation>
    </message>
    <message>
      <source>Nearest facilities per address</source>
      <translation>Cyfleusterau agosaf i bob cyfeiriad</translation>
    </message>
    <message>
      <source>Limits in metres (e.g. 3218.69,4828.03)</source>
      <translation>Terfynau mewn metrau (e.e. 3218.69,4828.03)</translation>
    </message>
    <message>
      <source>Ties broken</source>
      <translation>Torri cyfartaledd</translation>
    </message>
    <message>
      <source>Random seed (ties at random)</source>
      <translation>Hedyn hap (cyfartaledd ar hap)</translation>
    </message>
    <message>
      <source>Distances and eligibility</source>
      <translation>Pellteroedd a chymhwysedd</translation>
    </message>
    <message>
      <source>Routes to the nearest</source>
      <translation>Llwybrau at yr agosaf</translation>
    </message>
    <message>
      <source>Every address to every facility (table)</source>
      <translation>Pob cyfeiriad at bob cyfleuster (tabl)</translation>
    </message>
    <message>
      <source>ADDRESSES, FACILITIES and NETWORK are required.</source>
      <translation>Mae angen ADDRESSES, FACILITIES a NETWORK.</translation>
    </message>
    <message>
      <source>PHASE needs PHASE_FIELD (the field holding it).</source>
      <translation>Mae PHASE angen PHASE_FIELD (y maes sy'n ei ddal).</translation>
    </message>
    <message>
      <source>NEAREST must be between 1 and 10.</source>
      <translation>Rhaid i NEAREST fod rhwng 1 a 10.</translation>
    </message>
    <message>
      <source>ADDRESSES has no uprn field.</source>
      <translation>Does dim maes uprn yn ADDRESSES.</translation>
    </message>
    <message>
      <source>ACCESS_POINTS needs ACCESS_NAME_FIELD naming each gate's facility.</source>
      <translation>Mae ACCESS_POINTS angen ACCESS_NAME_FIELD yn enwi cyfleuster pob gât.</translation>
    </message>
    <message>
      <source>ADDRESSES must be in a projected CRS in metres (such as EPSG:27700).</source>
      <translation>Rhaid i ADDRESSES fod mewn CRS wedi'i daflunio mewn metrau (fel EPSG:27700).</translation>
    </message>
    <message>
      <source>No facility matches PHASE.</source>
      <translation>Does dim cyfleuster yn cyfateb i PHASE.</translation>
    </message>
    <message>
      <source>A facility has no point.</source>
      <translation>Does dim pwynt gan un cyfleuster.</translation>
    </message>
    <message>
      <source>Writing every address to every facility</source>
      <translation>Yn ysgrifennu pob cyfeiriad at bob cyfleuster</translation>
    </message>
    <message>
      <source>Could not create ALL_DISTANCES.</source>
      <translation>Methu creu ALL_DISTANCES.</translation>
    </message>
    <message>
      <source>by facility name</source>
      <translation>yn ôl enw'r cyfleuster</translation>
    </message>
    <message>
      <source>at random (seeded)</source>
      <translation>ar hap (gyda hedyn)</translation>
    </message>
    <message>
      <source>Could not create OUTPUT.</source>
      <translation>Methu creu OUTPUT.</translation>
    </message>
    <message>
      <source>beyond the {limit} limit</source>
      <translation>y tu hwnt i'r terfyn {limit}</translation>
    </message>
    <message>
      <source>FACILITIES has no field {name}.</source>
      <translation>Does dim maes {name} yn FACILITIES.</translation>
    </message>
    <message>
      <source>Could not write OUTPUT to {path}: {reason}</source>
      <translation>Methu ysgrifennu OUTPUT i {path}: {reason}</translation>
    </message>
    <message>
      <source>Could not write ALL_DISTANCES to {path}: {reason}</source>
      <translation>Methu ysgrifennu ALL_DISTANCES i {path}: {reason}</translation>
    </message>
    <message>
      <source>Load addresses</source>
      <translation>Llwytho cyfeiriadau</translation>
    </message>
    <message>
      <source>Open UPRN</source>
      <translation>Open UPRN</translation>
    </message>
    <message>
      <source>addresses</source>
      <translation>cyfeiriadau</translation>
    </message>
    <message>
      <source>import</source>
      <translation>mewnforio</translation>
    </message>
    <message>
      <source>Reads address gazetteer files into PlaceLink's canonical addresses layer (EPSG:27700 points keyed by UPRN), the shape every other PlaceLink tool uses.

Formats: GeoPlace DTF 7.3 (LLPG export), OS AddressBase Premium (CSV, both the 19-field and the 22-field BLPU schema), AddressBase Plus, AddressBase Core and OS Open UPRN. 'Auto-detect' recognises the format from the first rows and says in the log which format and layout version it found.

DTF 7.3 and AddressBase Premium are multi-record files: each address is built from its BLPU (21: UPRN, coordinates, status), the approved preferred LPI (24: SAO, PAO, USRN), the street descriptor (15: street, locality, town) and, for AddressBase, the classification (32), organisation (31) and Royal Mail delivery point (28). Other LPIs (alternative, provisional, historic, other languages) and the delivery point address are kept in the 'alternatives' field (entries 'LPI&lt;status&gt;/&lt;language&gt;: address' or 'DPA: address', separated by ' | ') so matching can use them. Change-only update files (change types I, U, D) are applied in the order given, after the full supply; within a change-only file its deletes come first.

INPUT: one or more CSV files, or zip archives of CSV files (read without unpacking). UTF-8 (with or without BOM) and Windows-1252 are read; CRLF is fine.
OUTPUT: the canonical addresses (uprn, usrn, SAO/PAO parts, street, town, postcode, classification, status, single-line address, alternatives, source).
REJECTED: every row that could not be used, with its file, line number, raw text and the reason (coordinates outside the British National Grid, a duplicate UPRN, an unknown record type, a truncated row, an LPI without a BLPU…). OUTPUT rows, rows merged into them and REJECTED rows account for every data row read, and the log says so in one line (ROWS_READ = LOADED + REJECTED_COUNT + MERGED_COUNT). A trailer (99) whose record count disagrees with the file is reported as a warning.
Multi-record supplies of any size (national AddressBase Premium included) are staged in a temporary SQLite file beside QGIS's other temporary files, so memory does not grow with the supply; allow free disk space of about twice the files' size. A PostGIS OUTPUT is written with one COPY into a new table in a single transaction, then indexed (primary key, spatial, uprn, usrn) and analysed; cancelling leaves no table behind.
When OUTPUT is added to the project it gets the style resources/styles/addresses.qml (points by logical status).</source>
      <translation>Yn darllen ffeiliau gazetiadur cyfeiriadau i haen gyfeiriadau ganonaidd PlaceLink (pwyntiau EPSG:27700 wedi'u allweddu yn ôl UPRN), y siâp y mae pob un o offer eraill PlaceLink yn ei ddefnyddio.

Fformatau: GeoPlace DTF 7.3 (allforyn LLPG), OS AddressBase Premium (CSV, sgema BLPU 19 maes a 22 maes), AddressBase Plus, AddressBase Core ac OS Open UPRN. Mae 'Canfod yn awtomatig' yn adnabod y fformat o'r rhesi cyntaf ac yn dweud yn y log pa fformat a pha fersiwn cynllun a ganfu.

Ffeiliau aml-gofnod yw DTF 7.3 ac AddressBase Premium: adeiledir pob cyfeiriad o'i BLPU (21: UPRN, cyfesurynnau, statws), yr LPI dewisol a gymeradwywyd (24: SAO, PAO, USRN), disgrifydd y stryd (15: stryd, ardal, tref) ac, ar gyfer AddressBase, y dosbarthiad (32), y sefydliad (31) a phwynt dosbarthu'r Post Brenhinol (28). Cedwir LPI eraill (amgen, dros dro, hanesyddol, ieithoedd eraill) a chyfeiriad y pwynt dosbarthu ym maes 'alternatives' (cofnodion 'LPI&lt;statws&gt;/&lt;iaith&gt;: cyfeiriad' neu 'DPA: cyfeiriad', wedi'u gwahanu gan ' | ') fel y gall paru eu defnyddio. Cymhwysir ffeiliau diweddaru newid-yn-unig (mathau newid I, U, D) yn y drefn a roddir, ar ôl y cyflenwad llawn; o fewn ffeil newid-yn-unig daw ei dileadau'n gyntaf.

INPUT: un neu ragor o ffeiliau CSV, neu archifau zip o ffeiliau CSV (fe'u darllenir heb eu dadbacio). Darllenir UTF-8 (gyda BOM neu hebddo) a Windows-1252; mae CRLF yn iawn.
OUTPUT: y cyfeiriadau canonaidd (uprn, usrn, rhannau SAO/PAO, stryd, tref, cod post, dosbarthiad, statws, cyfeiriad un llinell, alternatives, source).
REJECTED: pob rhes na ellid ei defnyddio, gyda'i ffeil, rhif y llinell, y testun crai a'r rheswm (cyfesurynnau y tu allan i Grid Cenedlaethol Prydain, UPRN dyblyg, math cofnod anhysbys, rhes wedi'i thorri, LPI heb BLPU…). Mae rhesi OUTPUT, y rhesi a unwyd iddynt a rhesi REJECTED yn cyfrif am bob rhes ddata a ddarllenwyd, ac mae'r log yn dweud hynny mewn un llinell (ROWS_READ = LOADED + REJECTED_COUNT + MERGED_COUNT). Adroddir fel rhybudd am drelar (99) y mae nifer ei gofnodion yn anghytuno â'r ffeil.
Caiff cyflenwadau aml-gofnod o unrhyw faint (gan gynnwys AddressBase Premium cenedlaethol) eu llwyfannu mewn ffeil SQLite dros dro wrth ymyl ffeiliau dros dro eraill QGIS, fel nad yw'r cof yn tyfu gyda'r cyflenwad; gadewch le rhydd ar y ddisg o tua dwywaith maint y ffeiliau. Ysgrifennir OUTPUT PostGIS gydag un COPY i dabl newydd mewn un trafodyn, yna caiff ei fynegeio (allwedd gynradd, gofodol, uprn, usrn) a'i ddadansoddi; nid yw canslo yn gadael unrhyw dabl ar ôl.
Pan ychwanegir OUTPUT at y prosiect caiff y steil resources/styles/addresses.qml (pwyntiau yn ôl statws rhesymegol).</translation>
    </message>
    <message>
      <source>Give at least one address file as INPUT.</source>
      <translation>Rhowch o leiaf un ffeil gyfeiriadau fel INPUT.</translation>
    </message>
    <message>
      <source>{rows} rows read</source>
      <translation>Darllenwyd {rows} rhes</translation>
    </message>
    <message>
      <source>Cancelled: {why}.</source>
      <translation>Wedi canslo: {why}.</translation>
    </message>
    <message>
      <source>Cancelled ({why}): no table was written.</source>
      <translation>Wedi canslo ({why}): ni ysgrifennwyd unrhyw dabl.</translation>
    </message>
    <message>
      <source>Load postcodes</source>
      <translation>Llwytho codau post</translation>
    </message>
    <message>
      <source>postcode</source>
      <translation>cod post</translation>
    </message>
    <message>
      <source>Code-Point Open</source>
      <translation>Code-Point Open</translation>
    </message>
    <message>
      <source>Reads OS Code-Point Open (one CSV per postcode area, no header row) into a postcode point layer in EPSG:27700: postcode normalised to BS 7666 form (TN131AA → TN13 1AA, B1  1AY → B1 1AY), positional quality, country, NHS and administrative codes.

INPUT: one or more Code-Point Open CSV files, the product's zip, or a folder of CSV files (the column-headers file holds no data and is skipped).
REJECTED: every row not loaded, with file, line, raw text and the reason (not a postcode, no coordinates (positional quality 90), coordinates outside the British National Grid, truncated line, duplicate postcode). OUTPUT rows plus REJECTED rows account for every data row read, and the log says so.</source>
      <translation>Yn darllen OS Code-Point Open (un CSV i bob ardal cod post, heb res pennyn) i haen bwyntiau codau post yn EPSG:27700: cod post wedi'i normaleiddio i ffurf BS 7666 (TN131AA → TN13 1AA, B1  1AY → B1 1AY), ansawdd lleoliadol, gwlad, codau'r GIG a chodau gweinyddol.

INPUT: un neu ragor o ffeiliau CSV Code-Point Open, zip y cynnyrch, neu ffolder o ffeiliau CSV (nid oes data yn y ffeil penynnau colofnau a chaiff ei hepgor).
REJECTED: pob rhes na chafodd ei llwytho, gyda'r ffeil, y llinell, y testun crai a'r rheswm (nid cod post, dim cyfesurynnau (ansawdd lleoliadol 90), cyfesurynnau y tu allan i Grid Cenedlaethol Prydain, llinell wedi'i thorri, cod post dyblyg). Mae rhesi OUTPUT a rhesi REJECTED yn cyfrif am bob rhes ddata a ddarllenwyd, ac mae'r log yn dweud hynny.</translation>
    </message>
    <message>
      <source>Give at least one Code-Point Open file as INPUT.</source>
      <translation>Rhowch o leiaf un ffeil Code-Point Open fel INPUT.</translation>
    </message>
    <message>
      <source>Load streets</source>
      <translation>Llwytho strydoedd</translation>
    </message>
    <message>
      <source>street gazetteer</source>
      <translation>gazetiadur strydoedd</translation>
    </message>
    <message>
      <source>DTF 8.1</source>
      <translation>DTF 8.1</translation>
    </message>
    <message>
      <source>Open USRN</source>
      <translation>Open USRN</translation>
    </message>
    <message>
      <source>Open Roads</source>
      <translation>Open Roads</translation>
    </message>
    <message>
      <source>streets</source>
      <translation>strydoedd</translation>
    </message>
    <message>
      <source>Reads street gazetteers and road networks into PlaceLink's canonical streets layer (EPSG:27700 lines: usrn, street description, locality, town, administrative area, street type, state, classification, dates, surface and geometry_source).

Formats: NSG DTF 8.1 (street, cross reference, ESU, ESU coordinate and descriptor records: ESU polylines joined per USRN); DTF 7.3 street records (11 and 15: a straight start–end line, geometry_source 'start-end line'); OS Open USRN (GeoPackage, Z dropped); OS Open Roads road links (adds link_id, road_number, road_function, form_of_way, length_m, start_node, end_node, … so the network can be routed). 'Auto' detects the format.

INPUT: one or more files: CSV, zip archives of CSVs, or GeoPackages (a layer can be named as file.gpkg|layername=NAME). Change-only update files (change types I/U/D) are applied in the order given.
REJECTED: every record not loaded, with file, line, raw text and the reason (unknown record type, truncated line, coordinates outside the British National Grid, record superseded or deleted by an update, …). For DTF files several records make one street: OUTPUT rows count the records merged into streets (FEATURES counts the streets). OUTPUT rows plus REJECTED rows account for every data row read, and the log says so.</source>
      <translation>Yn darllen gazetiaduron strydoedd a rhwydweithiau ffyrdd i haen strydoedd ganonaidd PlaceLink (llinellau EPSG:27700: usrn, disgrifiad y stryd, ardal, tref, ardal weinyddol, math o stryd, cyflwr, dosbarthiad, dyddiadau, arwyneb a geometry_source).

Fformatau: NSG DTF 8.1 (cofnodion stryd, croesgyfeiriad, ESU, cyfesurynnau ESU a disgrifydd: polylinellau ESU wedi'u huno fesul USRN); cofnodion stryd DTF 7.3 (11 a 15: llinell syth o'r dechrau i'r diwedd, geometry_source 'start-end line'); OS Open USRN (GeoPackage, Z wedi'i ollwng); cysylltiadau ffordd OS Open Roads (yn ychwanegu link_id, road_number, road_function, form_of_way, length_m, start_node, end_node, … fel y gellir llwybro'r rhwydwaith). Mae 'Auto' yn canfod y fformat.

INPUT: un neu ragor o ffeiliau: CSV, archifau zip o CSV, neu GeoPackages (gellir enwi haen fel ffeil.gpkg|layername=ENW). Cymhwysir ffeiliau diweddaru newid-yn-unig (mathau newid I/U/D) yn y drefn a roddir.
REJECTED: pob cofnod na chafodd ei lwytho, gyda'r ffeil, y llinell, y testun crai a'r rheswm (math cofnod anhysbys, llinell wedi'i thorri, cyfesurynnau y tu allan i Grid Cenedlaethol Prydain, cofnod a ddisodlwyd neu a ddilëwyd gan ddiweddariad, …). Ar gyfer ffeiliau DTF mae sawl cofnod yn gwneud un stryd: mae rhesi OUTPUT yn cyfrif y cofnodion a unwyd yn strydoedd (mae FEATURES yn cyfrif y strydoedd). Mae rhesi OUTPUT a rhesi REJECTED yn cyfrif am bob rhes ddata a ddarllenwyd, ac mae'r log yn dweud hynny.</translation>
    </message>
    <message>
      <source>Give at least one street file as INPUT.</source>
      <translation>Rhowch o leiaf un ffeil strydoedd fel INPUT.</translation>
    </message>
    <message>
      <source>Give either CSV files or GIS vector files as INPUT, not both.</source>
      <translation>Rhowch naill ai ffeiliau CSV neu ffeiliau fector GIS fel INPUT, nid y ddau.</translation>
    </message>
    <message>
      <source>Rejected rows</source>
      <translation>Rhesi a wrthodwyd</translation>
    </message>
    <message>
      <source>Match addresses to UPRNs</source>
      <translation>Paru cyfeiriadau ag UPRN</translation>
    </message>
    <message>
      <source>Matching</source>
      <translation>Paru</translation>
    </message>
    <message>
      <source>geocode</source>
      <translation>geogodio</translation>
    </message>
    <message>
      <source>geocoding</source>
      <translation>geogodio</translation>
    </message>
    <message>
      <source>address matching</source>
      <translation>paru cyfeiriadau</translation>
    </message>
    <message>
      <source>data linking</source>
      <translation>cysylltu data</translation>
    </message>
    <message>
      <source>Links each record of a table or layer (council tax, benefits, waste…) to the UPRN of a canonical addresses layer (GAZETTEER, e.g. the output of Load addresses, alternative LPIs included).

ADDRESS_FIELDS: one free-text address field, or several fields joined in order (flat, house, street, town…). POSTCODE_FIELD: optional; a postcode inside the text is found too, and a mis-keyed one (spacing, O/0, I/1) is repaired.

Addresses are parsed (flat, number, suffix, range, building, street, locality, town, postcode) and scored on that structure: the house number, its suffix and the flat are hard discriminators (10 ≠ 10A ≠ Flat 1, 10); text parts are compared fuzzily. Candidates come from the postcode, then the sector or district with the number, the street within the town, and rare words, so a wrong postcode still finds its address.

OUTPUT: every input row (none dropped) with uprn, match_score (0–100), match_status (matched, ambiguous or unmatched), matched_address, match_reason (which parts agreed or differed), the runner-up UPRN and the margin to it, and the matched point. A record that names no flat in a building whose flats have their own UPRNs is ambiguous, not matched to the building, unless MATCH_PARENTS is set. Review the ambiguous and low-score rows in the Review matches panel.

The gazetteer index is built once per gazetteer content and cached in the profile.</source>
      <translation>Yn cysylltu pob cofnod o dabl neu haen (treth gyngor, budd-daliadau, gwastraff…) ag UPRN haen gyfeiriadau ganonaidd (GAZETTEER, e.e. allbwn Llwytho cyfeiriadau, gan gynnwys LPI amgen).

ADDRESS_FIELDS: un maes cyfeiriad testun rhydd, neu sawl maes wedi'u huno yn eu trefn (fflat, tŷ, stryd, tref…). POSTCODE_FIELD: dewisol; deuir o hyd i god post y tu mewn i'r testun hefyd, a thrwsir un a deipiwyd yn anghywir (bylchau, O/0, I/1).

Dosrennir cyfeiriadau (fflat, rhif, ôl-ddodiad, amrediad, adeilad, stryd, ardal, tref, cod post) a'u sgorio ar y strwythur hwnnw: mae rhif y tŷ, ei ôl-ddodiad a'r fflat yn gwahaniaethu'n bendant (10 ≠ 10A ≠ Fflat 1, 10); cymherir rhannau testun yn niwlog. Daw ymgeiswyr o'r cod post, yna'r sector neu'r dosbarth gyda'r rhif, y stryd o fewn y dref, a geiriau prin, fel bod cod post anghywir yn dal i ddod o hyd i'w gyfeiriad.

OUTPUT: pob rhes fewnbwn (ni ollyngir yr un) gydag uprn, match_score (0–100), match_status (matched, ambiguous neu unmatched), matched_address, match_reason (pa rannau a gytunodd neu a wahaniaethodd), yr UPRN ail orau a'r bwlch ato, a'r pwynt a barwyd. Mae cofnod nad yw'n enwi fflat mewn adeilad y mae gan ei fflatiau eu UPRN eu hunain yn amwys, nid wedi'i baru â'r adeilad, oni osodir MATCH_PARENTS. Adolygwch y rhesi amwys a'r rhai â sgôr isel yn y panel Adolygu parau.

Adeiledir mynegai'r gazetiadur unwaith ar gyfer pob cynnwys gazetiadur a'i gadw wrth gefn yn y proffil.</translation>
    </message>
    <message>
      <source>Reading the gazetteer</source>
      <translation>Yn darllen y gazetiadur</translation>
    </message>
    <message>
      <source>Records to match (table or layer)</source>
      <translation>Cofnodion i'w paru (tabl neu haen)</translation>
    </message>
    <message>
      <source>Address field(s), joined in order</source>
      <translation>Maes neu feysydd y cyfeiriad, wedi'u huno yn eu trefn</translation>
    </message>
    <message>
      <source>Postcode field</source>
      <translation>Maes cod post</translation>
    </message>
    <message>
      <source>Gazetteer (canonical addresses)</source>
      <translation>Gazetiadur (cyfeiriadau canonaidd)</translation>
    </message>
    <message>
      <source>Lowest score to call matched</source>
      <translation>Y sgôr isaf i'w alw'n bâr</translation>
    </message>
    <message>
      <source>Lowest margin over the runner-up to call matched</source>
      <translation>Y bwlch lleiaf dros yr ail orau i'w alw'n bâr</translation>
    </message>
    <message>
      <source>Match records to parent shells (buildings whose flats have UPRNs)</source>
      <translation>Paru cofnodion â chregyn rhiant (adeiladau y mae gan eu fflatiau UPRN)</translation>
    </message>
    <message>
      <source>Matched records</source>
      <translation>Cofnodion wedi'u paru</translation>
    </message>
    <message>
      <source>INPUT and GAZETTEER must be readable layers.</source>
      <translation>Rhaid i INPUT a GAZETTEER fod yn haenau y gellir eu darllen.</translation>
    </message>
    <message>
      <source>Could not create the output layer.</source>
      <translation>Methu creu'r haen allbwn.</translation>
    </message>
    <message>
      <source>Matching {n:,} records</source>
      <translation>Yn paru {n:,} cofnod</translation>
    </message>
    <message>
      <source>Indexing {n:,} addresses</source>
      <translation>Yn mynegeio {n:,} cyfeiriad</translation>
    </message>
    <message>
      <source>Council workflow</source>
      <translation>Llif gwaith y cyngor</translation>
    </message>
    <message>
      <source>workflow</source>
      <translation>llif gwaith</translation>
    </message>
    <message>
      <source>model</source>
      <translation>model</translation>
    </message>
    <message>
      <source>{layer} has no 'uprn' field: choose a canonical addresses layer.</source>
      <translation>Does dim maes 'uprn' yn {layer}: dewiswch haen gyfeiriadau ganonaidd.</translation>
    </message>
    <message>
      <source>PlaceLink: indexing addresses</source>
      <translation>PlaceLink: yn mynegeio cyfeiriadau</translation>
    </message>
    <message>
      <source>Indexing failed: {reason}</source>
      <translation>Methodd y mynegeio: {reason}</translation>
    </message>
    <message>
      <source>Straight line</source>
      <translation>Llinell syth</translation>
    </message>
    <message>
      <source>Along the street network</source>
      <translation>Ar hyd y rhwydwaith strydoedd</translation>
    </message>
    <message>
      <source>Along the network, with capacities</source>
      <translation>Ar hyd y rhwydwaith, gyda chapasiti</translation>
    </message>
    <message>
      <source>PlaceLink: Catchments</source>
      <translation>PlaceLink: Dalgylchoedd</translation>
    </message>
    <message>
      <source>Catchments made. The map is in the project's layouts and at {path}.</source>
      <translation>Wedi gwneud y dalgylchoedd. Mae'r map yng nghynlluniau'r prosiect ac yn {path}.</translation>
    </message>
    <message>
      <source>metres</source>
      <translation>metrau</translation>
    </message>
    <message>
      <source>minutes</source>
      <translation>munudau</translation>
    </message>
    <message>
      <source>Off: the straight-line method needs no network.</source>
      <translation>I ffwrdd: nid oes angen rhwydwaith ar y dull llinell syth.</translation>
    </message>
    <message>
      <source>Off: only the method with capacities uses places.</source>
      <translation>I ffwrdd: dim ond y dull gyda chapasiti sy'n defnyddio lleoedd.</translation>
    </message>
    <message>
      <source>Off: bands in metres need no speed.</source>
      <translation>I ffwrdd: nid oes angen cyflymder ar fandiau mewn metrau.</translation>
    </message>
    <message>
      <source>Address assignments</source>
      <translation>Aseiniadau cyfeiriadau</translation>
    </message>
    <message>
      <source>Distance bands</source>
      <translation>Bandiau pellter</translation>
    </message>
    <message>
      <source>Choose a facilities layer and an addresses layer.</source>
      <translation>Dewiswch haen gyfleusterau a haen gyfeiriadau.</translation>
    </message>
    <message>
      <source>Choose a street network, or the straight-line method.</source>
      <translation>Dewiswch rwydwaith strydoedd, neu'r dull llinell syth.</translation>
    </message>
    <message>
      <source>Catchment areas</source>
      <translation>Ardaloedd dalgylch</translation>
    </message>
    <message>
      <source>UPRN {uprn}: {reason}</source>
      <translation>UPRN {uprn}: {reason}</translation>
    </message>
    <message>
      <source>UPRN {uprn}: {facility}, {metres:,.0f} m</source>
      <translation>UPRN {uprn}: {facility}, {metres:,.0f} m</translation>
    </message>
    <message>
      <source>{n:,} address(es) have no facility (hover one to see why).</source>
      <translation>Does dim cyfleuster gan {n:,} cyfeiriad (hofrwch dros un i weld pam).</translation>
    </message>
    <message>
      <source>Install…</source>
      <translation>Gosod…</translation>
    </message>
    <message>
      <source>Distances</source>
      <translation>Pellteroedd</translation>
    </message>
    <message>
      <source>none yet: go to one in Find address, or pick on map</source>
      <translation>dim un eto: ewch at un yn Dod o hyd i gyfeiriad, neu dewiswch ar y map</translation>
    </message>
    <message>
      <source>Gates (optional)</source>
      <translation>Gatiau (dewisol)</translation>
    </message>
    <message>
      <source>Gate's school field</source>
      <translation>Maes ysgol y gât</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>Cyfeiriad</translation>
    </message>
    <message>
      <source>Pick on map</source>
      <translation>Dewis ar y map</translation>
    </message>
    <message>
      <source>Export route as PDF</source>
      <translation>Allforio'r llwybr fel PDF</translation>
    </message>
    <message>
      <source>Click an address on the map.</source>
      <translation>Cliciwch gyfeiriad ar y map.</translation>
    </message>
    <message>
      <source>School</source>
      <translation>Ysgol</translation>
    </message>
    <message>
      <source>Miles</source>
      <translation>Milltiroedd</translation>
    </message>
    <message>
      <source>m</source>
      <translation>m</translation>
    </message>
    <message>
      <source>Optional: the schools' gates as points; a school is reached at its nearest gate (without gates, at its point).</source>
      <translation>Dewisol: gatiau'r ysgolion fel pwyntiau; cyrhaeddir ysgol wrth ei gât agosaf (heb gatiau, wrth ei phwynt).</translation>
    </message>
    <message>
      <source>The gates' field holding their school's name.</source>
      <translation>Maes y gatiau sy'n dal enw eu hysgol.</translation>
    </message>
    <message>
      <source>The address answered for: the one last picked in the Find address dock, the locator bar or on the map.</source>
      <translation>Y cyfeiriad a atebir amdano: yr un a ddewiswyd ddiwethaf yn y panel Dod o hyd i gyfeiriad, y bar chwilio neu ar y map.</translation>
    </message>
    <message>
      <source>Click an address on the map to list its nearest schools.</source>
      <translation>Cliciwch gyfeiriad ar y map i restru ei ysgolion agosaf.</translation>
    </message>
    <message>
      <source>The route to the nearest school and its length as a one-page PDF (for a decision letter); on once an address is chosen.</source>
      <translation>Y llwybr i'r ysgol agosaf a'i hyd fel PDF un dudalen (ar gyfer llythyr penderfyniad); ymlaen unwaith y dewisir cyfeiriad.</translation>
    </message>
    <message>
      <source>The nearest schools by the shortest walking route, nearest first.</source>
      <translation>Yr ysgolion agosaf ar hyd y llwybr cerdded byrraf, yr agosaf yn gyntaf.</translation>
    </message>
    <message>
      <source>Choose schools, addresses and a street network above.</source>
      <translation>Dewiswch ysgolion, cyfeiriadau a rhwydwaith strydoedd uchod.</translation>
    </message>
    <message>
      <source>Walking route to the nearest school</source>
      <translation>Llwybr cerdded i'r ysgol agosaf</translation>
    </message>
    <message>
      <source>Walking route to {school}</source>
      <translation>Llwybr cerdded i {school}</translation>
    </message>
    <message>
      <source>{miles:.2f} miles ({metres:,.0f} m) by the shortest walking route</source>
      <translation>{miles:.2f} milltir ({metres:,.0f} m) ar hyd y llwybr cerdded byrraf</translation>
    </message>
    <message>
      <source>PDF: </source>
      <translation>PDF: </translation>
    </message>
    <message>
      <source>No address within {m:.0f} m.</source>
      <translation>Does dim cyfeiriad o fewn {m:.0f} m.</translation>
    </message>
    <message>
      <source>Running…</source>
      <translation>Yn rhedeg…</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Yn canslo…</translation>
    </message>
    <message>
      <source>no reason was given (see the log)</source>
      <translation>ni roddwyd rheswm (gweler y log)</translation>
    </message>
    <message>
      <source>Something went wrong: </source>
      <translation>Aeth rhywbeth o'i le: </translation>
    </message>
    <message>
      <source>The run failed: {reason}</source>
      <translation>Methodd y rhediad: {reason}</translation>
    </message>
    <message>
      <source>PlaceLink: Find address</source>
      <translation>PlaceLink: Dod o hyd i gyfeiriad</translation>
    </message>
    <message>
      <source>Choose a gazetteer (an addresses layer).</source>
      <translation>Dewiswch gazetiadur (haen gyfeiriadau).</translation>
    </message>
    <message>
      <source>Type a UPRN, a postcode, a street or an address.</source>
      <translation>Teipiwch UPRN, cod post, stryd neu gyfeiriad.</translation>
    </message>
    <message>
      <source>UPRN {uprn}: {why} (relevance {relevance})</source>
      <translation>UPRN {uprn}: {why} (perthnasedd {relevance})</translation>
    </message>
    <message>
      <source>{n} found ({why}) in {ms:.1f} ms: Enter or a click goes there.</source>
      <translation>Cafwyd {n} ({why}) mewn {ms:.1f} ms: mae Enter neu glic yn mynd yno.</translation>
    </message>
    <message>
      <source>Nothing fits “{text}” ({ms:.1f} ms).</source>
      <translation>Does dim yn cyfateb i “{text}” ({ms:.1f} ms).</translation>
    </message>
    <message>
      <source>{n} addresses share this point: {names}{more}</source>
      <translation>Mae {n} cyfeiriad yn rhannu'r pwynt hwn: {names}{more}</translation>
    </message>
    <message>
      <source>Indexing {n:,} addresses…</source>
      <translation>Yn mynegeio {n:,} cyfeiriad…</translation>
    </message>
    <message>
      <source>Installing Python packages for PlaceLink</source>
      <translation>Yn gosod pecynnau Python ar gyfer PlaceLink</translation>
    </message>
    <message>
      <source>PlaceLink: install Python packages</source>
      <translation>PlaceLink: gosod pecynnau Python</translation>
    </message>
    <message>
      <source>Install from a folder of wheel files (no internet)</source>
      <translation>Gosod o ffolder o ffeiliau wheel (dim rhyngrwyd)</translation>
    </message>
    <message>
      <source>Install</source>
      <translation>Gosod</translation>
    </message>
    <message>
      <source>Installing… (pip's output is shown below)</source>
      <translation>Yn gosod… (dangosir allbwn pip isod)</translation>
    </message>
    <message>
      <source>nothing new</source>
      <translation>dim byd newydd</translation>
    </message>
    <message>
      <source>PlaceLink has all the Python packages it needs.</source>
      <translation>Mae gan PlaceLink yr holl becynnau Python sydd eu hangen arno.</translation>
    </message>
    <message>
      <source>PlaceLink needs these Python packages, which QGIS's Python does not have. They are installed with pip into a folder in your QGIS profile:
{folder}
QGIS's own packages (numpy included) are left unchanged.</source>
      <translation>Mae PlaceLink angen y pecynnau Python hyn, nad ydynt gan Python QGIS. Fe'u gosodir gyda pip mewn ffolder yn eich proffil QGIS:
{folder}
Ni newidir pecynnau QGIS ei hun (gan gynnwys numpy).</translation>
    </message>
    <message>
      <source>Installation cancelled.</source>
      <translation>Wedi canslo'r gosod.</translation>
    </message>
    <message>
      <source>Choose the folder that holds the wheel (.whl) files.</source>
      <translation>Dewiswch y ffolder sy'n dal y ffeiliau wheel (.whl).</translation>
    </message>
    <message>
      <source>Installed {installed}. Restart QGIS to use them: an older {names} is already loaded in this session.</source>
      <translation>Wedi gosod {installed}. Ailgychwynnwch QGIS i'w defnyddio: mae {names} hŷn eisoes wedi'i lwytho yn y sesiwn hon.</translation>
    </message>
    <message>
      <source>Installed {installed}, but these are still unusable: {details}</source>
      <translation>Wedi gosod {installed}, ond mae'r rhain yn dal yn annefnyddiadwy: {details}</translation>
    </message>
    <message>
      <source>Installed {installed}. PlaceLink's tools can use them now.</source>
      <translation>Wedi gosod {installed}. Gall offer PlaceLink eu defnyddio nawr.</translation>
    </message>
    <message>
      <source>Installation failed: {error}</source>
      <translation>Methodd y gosod: {error}</translation>
    </message>
    <message>
      <source>Installation failed (pip exit code {code}): {reason}</source>
      <translation>Methodd y gosod (cod gadael pip {code}): {reason}</translation>
    </message>
    <message>
      <source>PlaceLink addresses</source>
      <translation>Cyfeiriadau PlaceLink</translation>
    </message>
    <message>
      <source>UPRN {uprn} · {why}</source>
      <translation>UPRN {uprn} · {why}</translation>
    </message>
    <message>
      <source>PlaceLink: Data quality</source>
      <translation>PlaceLink: Ansawdd data</translation>
    </message>
    <message>
      <source>All severities</source>
      <translation>Pob difrifoldeb</translation>
    </message>
    <message>
      <source>Choose an addresses layer first.</source>
      <translation>Dewiswch haen gyfeiriadau yn gyntaf.</translation>
    </message>
    <message>
      <source>{count:,} problem(s) found</source>
      <translation>Cafwyd {count:,} problem</translation>
    </message>
    <message>
      <source>Save quality report</source>
      <translation>Cadw'r adroddiad ansawdd</translation>
    </message>
    <message>
      <source>; overall score {score:.1f}%</source>
      <translation>; sgôr gyffredinol {score:.1f}%</translation>
    </message>
    <message>
      <source>Report saved to {path}.</source>
      <translation>Cadwyd yr adroddiad yn {path}.</translation>
    </message>
    <message>
      <source>Show more…</source>
      <translation>Dangos rhagor…</translation>
    </message>
    <message>
      <source>Where should PlaceLink keep results of projects not saved yet?</source>
      <translation>Ble dylai PlaceLink gadw canlyniadau prosiectau sydd heb eu cadw eto?</translation>
    </message>
    <message>
      <source>PlaceLink: Review matches</source>
      <translation>PlaceLink: Adolygu parau</translation>
    </message>
    <message>
      <source>Nothing to review.</source>
      <translation>Dim i'w adolygu.</translation>
    </message>
    <message>
      <source>That layer is not a Match addresses output.</source>
      <translation>Nid allbwn Paru cyfeiriadau yw'r haen honno.</translation>
    </message>
    <message>
      <source>This layer is temporary: save it (Make Permanent) so your decisions survive closing QGIS.</source>
      <translation>Haen dros dro yw hon: cadwch hi (Gwneud yn Barhaol) fel bod eich penderfyniadau'n goroesi cau QGIS.</translation>
    </message>
    <message>
      <source>This record is tied between several addresses: choose the right one in the list (or search for it) and press Use selected.</source>
      <translation>Mae'r cofnod hwn yn gyfartal rhwng sawl cyfeiriad: dewiswch yr un cywir yn y rhestr (neu chwiliwch amdano) a phwyswch Defnyddio'r un a ddewiswyd.</translation>
    </message>
    <message>
      <source>Saved: {decision}. {queue:,} record(s) left to review.</source>
      <translation>Wedi cadw: {decision}. {queue:,} cofnod ar ôl i'w adolygu.</translation>
    </message>
    <message>
      <source>{n:,} record(s) to review.</source>
      <translation>{n:,} cofnod i'w adolygu.</translation>
    </message>
    <message>
      <source>Not saved: {who} already decided this record ({decision}) at {when}. Moved on to the next one.</source>
      <translation>Heb ei gadw: roedd {who} eisoes wedi penderfynu ar y cofnod hwn ({decision}) am {when}. Symudwyd ymlaen i'r nesaf.</translation>
    </message>
    <message>
      <source>Could not save the decision on {layer}: {reason}</source>
      <translation>Methu cadw'r penderfyniad ar {layer}: {reason}</translation>
    </message>
    <message>
      <source>{name} finished, but its outputs could not be added to the map ({error}). They are saved where the run wrote them; see the PlaceLink log for details.</source>
      <translation>Gorffennodd {name}, ond methwyd ychwanegu ei allbynnau at y map ({error}). Maen nhw wedi'u cadw lle ysgrifennodd y rhediad nhw; gweler log PlaceLink am y manylion.</translation>
    </message>
    <message>
      <source>Sample council (Brackenford, made up)</source>
      <translation>Cyngor enghreifftiol (Brackenford, dychmygol)</translation>
    </message>
    <message>
      <source>Sample council boundary</source>
      <translation>Ffin y cyngor enghreifftiol</translation>
    </message>
    <message>
      <source>The sample council is missing: {path}</source>
      <translation>Mae'r cyngor enghreifftiol ar goll: {path}</translation>
    </message>
  </context>
  <context>
    <name>QualityDock</name>
    <message>
      <source>Data quality</source>
      <translation>Ansawdd data</translation>
    </message>
    <message>
      <source>Addresses</source>
      <translation>Cyfeiriadau</translation>
    </message>
    <message>
      <source>The address gazetteer to check: a canonical addresses layer (from Load addresses, or any layer with a uprn field).</source>
      <translation>Y gazetiadur cyfeiriadau i'w wirio: haen gyfeiriadau ganonaidd (o Llwytho cyfeiriadau, neu unrhyw haen â maes uprn).</translation>
    </message>
    <message>
      <source>Streets</source>
      <translation>Strydoedd</translation>
    </message>
    <message>
      <source>Optional: the street gazetteer (NSG) the addresses should sit on; adds the street rules and the address-to-street checks.</source>
      <translation>Dewisol: y gazetiadur strydoedd (NSG) y dylai'r cyfeiriadau fod arno; mae'n ychwanegu rheolau'r strydoedd a'r gwiriadau cyfeiriad-i-stryd.</translation>
    </message>
    <message>
      <source>Boundary</source>
      <translation>Ffin</translation>
    </message>
    <message>
      <source>Optional: the council's boundary; addresses outside it are reported.</source>
      <translation>Dewisol: ffin y cyngor; adroddir am gyfeiriadau y tu allan iddi.</translation>
    </message>
    <message>
      <source>Postcodes</source>
      <translation>Codau post</translation>
    </message>
    <message>
      <source>Optional: Code-Point Open postcodes (from Load postcodes); addresses far from their postcode's point are reported.</source>
      <translation>Dewisol: codau post Code-Point Open (o Llwytho codau post); adroddir am gyfeiriadau ymhell o bwynt eu cod post.</translation>
    </message>
    <message>
      <source>Rules</source>
      <translation>Rheolau</translation>
    </message>
    <message>
      <source>Which rules to run, e.g. A01,A05-A08,S*; leave empty for all of them.</source>
      <translation>Pa reolau i'w rhedeg, e.e. A01,A05-A08,S*; gadewch yn wag i'w rhedeg i gyd.</translation>
    </message>
    <message>
      <source>All rules (or e.g. A01,A05-A08,S*)</source>
      <translation>Pob rheol (neu e.e. A01,A05-A08,S*)</translation>
    </message>
    <message>
      <source>Run the checks in the background (placelink:checkquality); the problems appear below and on the map.</source>
      <translation>Rhedeg y gwiriadau yn y cefndir (placelink:checkquality); mae'r problemau'n ymddangos isod ac ar y map.</translation>
    </message>
    <message>
      <source>Run checks</source>
      <translation>Rhedeg gwiriadau</translation>
    </message>
    <message>
      <source>Stop the run; nothing half-written is kept.</source>
      <translation>Atal y rhediad; ni chedwir dim sydd wedi'i hanner ysgrifennu.</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Canslo</translation>
    </message>
    <message>
      <source>How far the checks have got.</source>
      <translation>Pa mor bell mae'r gwiriadau wedi mynd.</translation>
    </message>
    <message>
      <source>Choose the layers and run the checks.</source>
      <translation>Dewiswch yr haenau a rhedwch y gwiriadau.</translation>
    </message>
    <message>
      <source>Show only problems of one severity.</source>
      <translation>Dangos problemau o un difrifoldeb yn unig.</translation>
    </message>
    <message>
      <source>Show only rules or problems whose text contains this (a UPRN or USRN finds its problems).</source>
      <translation>Dangos dim ond rheolau neu broblemau y mae eu testun yn cynnwys hyn (mae UPRN neu USRN yn dod o hyd i'w problemau).</translation>
    </message>
    <message>
      <source>Filter by rule or text</source>
      <translation>Hidlo yn ôl rheol neu destun</translation>
    </message>
    <message>
      <source>Problems grouped by rule, errors first. Open a rule to list its problems; click one to select it and zoom to it; click a rule to read what it means and how to fix it.</source>
      <translation>Problemau wedi'u grwpio yn ôl rheol, gwallau'n gyntaf. Agorwch reol i restru ei phroblemau; cliciwch un i'w dewis a chwyddo ati; cliciwch reol i ddarllen beth mae'n ei olygu a sut i'w thrwsio.</translation>
    </message>
    <message>
      <source>Rule / problem</source>
      <translation>Rheol / problem</translation>
    </message>
    <message>
      <source>Count / key</source>
      <translation>Nifer / allwedd</translation>
    </message>
    <message>
      <source>Save the HTML scorecard of this run (to send to a manager or GeoPlace).</source>
      <translation>Cadw cerdyn sgorio HTML y rhediad hwn (i'w anfon at reolwr neu GeoPlace).</translation>
    </message>
    <message>
      <source>Export report…</source>
      <translation>Allforio adroddiad…</translation>
    </message>
  </context>
  <context>
    <name>ReviewDock</name>
    <message>
      <source>Review matches</source>
      <translation>Adolygu parau</translation>
    </message>
    <message>
      <source>Match results</source>
      <translation>Canlyniadau paru</translation>
    </message>
    <message>
      <source>The output of Match addresses to review (a saved layer keeps your decisions).</source>
      <translation>Allbwn Paru cyfeiriadau i'w adolygu (mae haen wedi'i chadw yn cadw'ch penderfyniadau).</translation>
    </message>
    <message>
      <source>Gazetteer</source>
      <translation>Gazetiadur</translation>
    </message>
    <message>
      <source>The address gazetteer the records were matched against (for the candidates and the search).</source>
      <translation>Y gazetiadur cyfeiriadau y parwyd y cofnodion yn ei erbyn (ar gyfer yr ymgeiswyr a'r chwiliad).</translation>
    </message>
    <message>
      <source>Also review scores below</source>
      <translation>Adolygu hefyd sgorau o dan</translation>
    </message>
    <message>
      <source>Besides ambiguous records, also review matches scoring below this.</source>
      <translation>Yn ogystal â chofnodion amwys, adolygu hefyd barau sy'n sgorio'n is na hyn.</translation>
    </message>
    <message>
      <source>The previous record in the queue.</source>
      <translation>Y cofnod blaenorol yn y ciw.</translation>
    </message>
    <message>
      <source>◀ Previous</source>
      <translation>◀ Blaenorol</translation>
    </message>
    <message>
      <source>The next record in the queue.</source>
      <translation>Y cofnod nesaf yn y ciw.</translation>
    </message>
    <message>
      <source>Next ▶</source>
      <translation>Nesaf ▶</translation>
    </message>
    <message>
      <source>Search the gazetteer by hand (UPRN, postcode, street or address) when the right address is not among the candidates.</source>
      <translation>Chwilio'r gazetiadur â llaw (UPRN, cod post, stryd neu gyfeiriad) pan nad yw'r cyfeiriad cywir ymhlith yr ymgeiswyr.</translation>
    </message>
    <message>
      <source>Search the gazetteer: UPRN, postcode, street or address</source>
      <translation>Chwilio'r gazetiadur: UPRN, cod post, stryd neu gyfeiriad</translation>
    </message>
    <message>
      <source>The best addresses for this record (✓: the matcher's choice); choose one and press Use selected.</source>
      <translation>Y cyfeiriadau gorau ar gyfer y cofnod hwn (✓: dewis y paru); dewiswch un a phwyswch Defnyddio'r un a ddewiswyd.</translation>
    </message>
    <message>
      <source>Accept the matcher's choice for this record (not for a record tied between several addresses: choose one of them).</source>
      <translation>Derbyn dewis y paru ar gyfer y cofnod hwn (nid ar gyfer cofnod sy'n gyfartal rhwng sawl cyfeiriad: dewiswch un ohonynt).</translation>
    </message>
    <message>
      <source>Accept match</source>
      <translation>Derbyn y pâr</translation>
    </message>
    <message>
      <source>Match this record to the address chosen in the list.</source>
      <translation>Paru'r cofnod hwn â'r cyfeiriad a ddewiswyd yn y rhestr.</translation>
    </message>
    <message>
      <source>Use selected</source>
      <translation>Defnyddio'r un a ddewiswyd</translation>
    </message>
    <message>
      <source>This record has no address in the gazetteer: leave it unmatched.</source>
      <translation>Does dim cyfeiriad i'r cofnod hwn yn y gazetiadur: ei adael heb ei baru.</translation>
    </message>
    <message>
      <source>No match</source>
      <translation>Dim pâr</translation>
    </message>
    <message>
      <source>Choose a match results layer (from Match addresses) and its gazetteer.</source>
      <translation>Dewiswch haen canlyniadau paru (o Paru cyfeiriadau) a'i gazetiadur.</translation>
    </message>
  </context>
</TS>
