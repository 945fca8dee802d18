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
      <source>Band units</source>
      <translation>Unedau'r bandiau</translation>
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
      <source>TARGET must be a GeoPackage layer or a PostGIS table (this one is {provider})</source>
      <translation>Rhaid i TARGET fod yn haen GeoPackage neu'n dabl PostGIS (mae hwn yn {provider})</translation>
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
      <source>(none)</source>
      <translation>(dim)</translation>
    </message>
    <message>
      <source>Addresses</source>
      <translation>Cyfeiriadau</translation>
    </message>
    <message>
      <source>Streets</source>
      <translation>Strydoedd</translation>
    </message>
    <message>
      <source>Boundary</source>
      <translation>Ffin</translation>
    </message>
    <message>
      <source>Postcodes</source>
      <translation>Codau post</translation>
    </message>
    <message>
      <source>Rules</source>
      <translation>Rheolau</translation>
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
      <source>all</source>
      <translation>pob un</translation>
    </message>
    <message>
      <source>Gazetteer data quality: {layer}</source>
      <translation>Ansawdd data'r gazetteer: {layer}</translation>
    </message>
    <message>
      <source>en</source>
      <translation>cy</translation>
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
      <source>{failures:,} of {checked:,} failing</source>
      <translation>{failures:,} o {checked:,} yn methu</translation>
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
      <source>Could not write OUTPUT to {path}: {reason}</source>
      <translation>Methu ysgrifennu OUTPUT i {path}: {reason}</translation>
    </message>
    <message>
      <source>Could not write ALL_DISTANCES to {path}: {reason}</source>
      <translation>Methu ysgrifennu ALL_DISTANCES i {path}: {reason}</translation>
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
REJECTED: every record not loaded, with file, line, raw text and the reason (unknown record type, truncated line, coordinates outside the British National Grid, record superseded or deleted by an update, …). For DTF files several records make one street: OUTPUT rows count the records merged into streets (FEATURES counts the streets). OUTPUT rows plus REJECTED rows account for every data row read, and the log says so.
DTF records are staged in a temporary SQLite file and joined there (removed at the end, also after a cancel), so memory does not grow with the supply; allow free disk space of about twice the files' size. A PostGIS OUTPUT is written with one COPY into a new table in a single transaction, then indexed (primary key, spatial, usrn) and analysed; cancelling leaves no table behind.</source>
      <translation>Yn darllen gazetiaduron strydoedd a rhwydweithiau ffyrdd i haen strydoedd ganonaidd PlaceLink (llinellau EPSG:27700: usrn, disgrifiad y stryd, ardal, tref, ardal weinyddol, math o stryd, cyflwr, dosbarthiad, dyddiadau, arwyneb a geometry_source).

Fformatau: NSG DTF 8.1 (cofnodion stryd, croesgyfeiriad, ESU, cyfesurynnau ESU a disgrifydd: polylinellau ESU wedi'u huno fesul USRN); cofnodion stryd DTF 7.3 (11 a 15: llinell syth o'r dechrau i'r diwedd, geometry_source 'start-end line'); OS Open USRN (GeoPackage, Z wedi'i ollwng); cysylltiadau ffordd OS Open Roads (yn ychwanegu link_id, road_number, road_function, form_of_way, length_m, start_node, end_node, … fel y gellir llwybro'r rhwydwaith). Mae 'Auto' yn canfod y fformat.

INPUT: un neu ragor o ffeiliau: CSV, archifau zip o CSV, neu GeoPackages (gellir enwi haen fel ffeil.gpkg|layername=ENW). Cymhwysir ffeiliau diweddaru newid-yn-unig (mathau newid I/U/D) yn y drefn a roddir.
REJECTED: pob cofnod na chafodd ei lwytho, gyda'r ffeil, y llinell, y testun crai a'r rheswm (math cofnod anhysbys, llinell wedi'i thorri, cyfesurynnau y tu allan i Grid Cenedlaethol Prydain, cofnod a ddisodlwyd neu a ddilëwyd gan ddiweddariad, …). Ar gyfer ffeiliau DTF mae sawl cofnod yn gwneud un stryd: mae rhesi OUTPUT yn cyfrif y cofnodion a unwyd yn strydoedd (mae FEATURES yn cyfrif y strydoedd). Mae rhesi OUTPUT a rhesi REJECTED yn cyfrif am bob rhes ddata a ddarllenwyd, ac mae'r log yn dweud hynny.
Caiff cofnodion DTF eu llwyfannu mewn ffeil SQLite dros dro a'u cysylltu yno (fe'i dilëir ar y diwedd, hefyd ar ôl canslo), fel nad yw'r cof yn tyfu gyda'r cyflenwad; gadewch le rhydd ar y ddisg o tua dwywaith maint y ffeiliau. Ysgrifennir OUTPUT PostGIS gydag un COPY i dabl newydd mewn un trafodyn, yna caiff ei fynegeio (allwedd gynradd, gofodol, usrn) a'i ddadansoddi; nid yw canslo yn gadael unrhyw dabl ar ôl.</translation>
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
      <source>Could not open the QGIS authentication configuration {id} of the PostGIS connection: QGIS's master password was not entered or is wrong. Enter it (Settings &gt; Options &gt; Authentication) and run again.</source>
      <translation>Methu agor ffurfweddiad dilysu QGIS {id} y cysylltiad PostGIS: ni roddwyd prif gyfrinair QGIS neu mae'n anghywir. Rhowch ef (Gosodiadau &gt; Dewisiadau &gt; Dilysu) a rhedeg eto.</translation>
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
      <source>Errors</source>
      <translation>Gwallau</translation>
    </message>
    <message>
      <source>Warnings</source>
      <translation>Rhybuddion</translation>
    </message>
    <message>
      <source>Information</source>
      <translation>Gwybodaeth</translation>
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
      <source>This record has no match to accept: choose an address in the list and press Use selected, or press No match.</source>
      <translation>Does dim paru i'w dderbyn ar gyfer y cofnod hwn: dewiswch gyfeiriad yn y rhestr a phwyso Defnyddio'r un a ddewiswyd, neu pwyswch Dim pâr.</translation>
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
    <message>
      <source>UPRN missing or duplicated</source>
      <translation>UPRN ar goll neu wedi'i ddyblygu</translation>
    </message>
    <message>
      <source>Every addressable object has one Unique Property Reference Number, and no two records of the layer may share it. A repeated UPRN usually means a record was copied or an import was loaded twice; a missing one means the record cannot be referenced by any other system. Fix: keep one record per UPRN (merge or retire the copy) and give every record its UPRN.</source>
      <translation>Mae gan bob gwrthrych y gellir ei gyfeirio un Cyfeirnod Eiddo Unigryw (UPRN), ac ni chaiff dau gofnod yn yr haen ei rannu. Mae UPRN sy'n cael ei ailadrodd fel arfer yn golygu bod cofnod wedi'i gopïo neu fod mewnforiad wedi'i lwytho ddwywaith; mae un sydd ar goll yn golygu na all unrhyw system arall gyfeirio at y cofnod. I'w drwsio: cadwch un cofnod i bob UPRN (cyfunwch neu ymddeolwch y copi) a rhowch ei UPRN i bob cofnod.</translation>
    </message>
    <message>
      <source>Coordinates missing or outside the British National Grid</source>
      <translation>Cyfesurynnau ar goll neu y tu allan i Grid Cenedlaethol Prydain</translation>
    </message>
    <message>
      <source>Each address point needs an easting and northing in British National Grid metres (eastings 0–700,000, northings 0–1,300,000). Missing coordinates, latitude/longitude typed into the grid fields, or swapped easting and northing put the point nowhere or in the sea. Fix: re-capture the point on the building (or land parcel) it represents.</source>
      <translation>Mae angen dwyreiniad a gogleddiad mewn metrau Grid Cenedlaethol Prydain ar bob pwynt cyfeiriad (dwyreiniadau 0–700,000, gogleddiadau 0–1,300,000). Mae cyfesurynnau ar goll, lledred/hydred wedi'u teipio i feysydd y grid, neu ddwyreiniad a gogleddiad wedi'u cyfnewid yn rhoi'r pwynt yn unman neu yn y môr. I'w drwsio: ail-gipiwch y pwynt ar yr adeilad (neu'r llain o dir) y mae'n ei gynrychioli.</translation>
    </message>
    <message>
      <source>Address outside the authority boundary</source>
      <translation>Cyfeiriad y tu allan i ffin yr awdurdod</translation>
    </message>
    <message>
      <source>An authority's gazetteer holds the addresses inside its own area. A point outside the boundary (beyond the boundary tolerance) is either mis-placed or belongs to a neighbouring authority. Fix: move the point to the right building, or hand the record to the authority it lies in.</source>
      <translation>Mae gazetiadur awdurdod yn dal y cyfeiriadau y tu mewn i'w ardal ei hun. Mae pwynt y tu allan i'r ffin (y tu hwnt i oddefiant y ffin) naill ai yn y lle anghywir neu'n perthyn i awdurdod cyfagos. I'w drwsio: symudwch y pwynt i'r adeilad cywir, neu rhowch y cofnod i'r awdurdod y mae ynddo.</translation>
    </message>
    <message>
      <source>Logical status invalid or incompatible with the BLPU state</source>
      <translation>Statws rhesymegol annilys neu'n anghydnaws â chyflwr y BLPU</translation>
    </message>
    <message>
      <source>The logical status says where a record is in its life (1 approved, 3 alternative, 5 candidate, 6 provisional, 7/9 rejected, 8 historic) and must be one of those codes. Where a BLPU state is recorded it must agree with the status: an approved record (1) is under construction, in use or unoccupied (state 1, 2 or 3); a provisional one (6) is 1, 5, 6 or 7; a historic one (8) is 4 or 7. Fix: correct the status or the state so that they describe the object as it is on the ground.</source>
      <translation>Mae'r statws rhesymegol yn dweud ble mae cofnod yn ei fywyd (1 cymeradwy, 3 amgen, 5 ymgeisydd, 6 dros dro, 7/9 wedi'i wrthod, 8 hanesyddol) a rhaid iddo fod yn un o'r codau hynny. Lle cofnodir cyflwr BLPU rhaid iddo gytuno â'r statws: mae cofnod cymeradwy (1) yn cael ei adeiladu, yn cael ei ddefnyddio neu'n wag (cyflwr 1, 2 neu 3); mae un dros dro (6) yn 1, 5, 6 neu 7; mae un hanesyddol (8) yn 4 neu 7. I'w drwsio: cywirwch y statws neu'r cyflwr fel eu bod yn disgrifio'r gwrthrych fel y mae ar lawr gwlad.</translation>
    </message>
    <message>
      <source>End date on a live record, or none on a historic one</source>
      <translation>Dyddiad gorffen ar gofnod byw, neu ddim un ar gofnod hanesyddol</translation>
    </message>
    <message>
      <source>A record that is still current (logical status 1, 3, 5 or 6) has no end date; a record that has been retired or rejected (7, 8 or 9) must say when, with an end date. Fix: remove the end date from the live record (or retire it properly), or add the date the historic record ended.</source>
      <translation>Nid oes dyddiad gorffen gan gofnod sy'n dal yn gyfredol (statws rhesymegol 1, 3, 5 neu 6); rhaid i gofnod sydd wedi'i ymddeol neu ei wrthod (7, 8 neu 9) ddweud pryd, gyda dyddiad gorffen. I'w drwsio: tynnwch y dyddiad gorffen o'r cofnod byw (neu ymddeolwch ef yn iawn), neu ychwanegwch y dyddiad y daeth y cofnod hanesyddol i ben.</translation>
    </message>
    <message>
      <source>Dates unreadable, in the future, or end before start</source>
      <translation>Dyddiadau annarllenadwy, yn y dyfodol, neu'n gorffen cyn dechrau</translation>
    </message>
    <message>
      <source>Start, end and last-update dates record when the object and its address came into and went out of use. A date in the future, a date that cannot be read (not YYYY-MM-DD), or an end date before the start date make the history impossible. Fix: enter the real dates as YYYY-MM-DD.</source>
      <translation>Mae'r dyddiadau dechrau, gorffen a diweddaru olaf yn cofnodi pryd y daeth y gwrthrych a'i gyfeiriad i ddefnydd ac allan o ddefnydd. Mae dyddiad yn y dyfodol, dyddiad na ellir ei ddarllen (nid BBBB-MM-DD), neu ddyddiad gorffen cyn y dyddiad dechrau yn gwneud yr hanes yn amhosibl. I'w drwsio: rhowch y dyddiadau go iawn fel BBBB-MM-DD.</translation>
    </message>
    <message>
      <source>Representative point code missing or obsolete</source>
      <translation>Cod pwynt cynrychioliadol ar goll neu wedi darfod</translation>
    </message>
    <message>
      <source>The representative point code (RPC) says how precisely the point was placed: 1 in the visual centre of the building or plot, 2 at a general internal point, 4 at the start of the street. Codes 3 (100 m grid square), 5 (1 km grid square) and 9 (postcode or area centroid) are obsolete: such points are only approximately placed. Fix: re-capture the point on the building and set RPC 1 (or 2).</source>
      <translation>Mae'r cod pwynt cynrychioliadol (RPC) yn dweud pa mor fanwl y gosodwyd y pwynt: 1 yng nghanol gweledol yr adeilad neu'r llain, 2 mewn pwynt mewnol cyffredinol, 4 ar ddechrau'r stryd. Mae codau 3 (sgwâr grid 100 m), 5 (sgwâr grid 1 km) a 9 (canolbwynt cod post neu ardal) wedi darfod: dim ond yn fras y gosodwyd pwyntiau o'r fath. I'w drwsio: ail-gipiwch y pwynt ar yr adeilad a gosodwch RPC 1 (neu 2).</translation>
    </message>
    <message>
      <source>Classification missing, unknown or not specific enough</source>
      <translation>Dosbarthiad ar goll, yn anhysbys neu heb fod yn ddigon penodol</translation>
    </message>
    <message>
      <source>Every record carries a code from the AddressBase classification scheme (primary, secondary, tertiary and sometimes quaternary levels, e.g. R → RD → RD04 Terraced). A missing or unknown code hides what the property is; residential and commercial properties (R…, C…) should be classified to the tertiary level (4 characters, e.g. RD06 flat, CR08 shop), because services, council tax and emergency planning depend on it. Fix: classify the property with the most specific code that fits.</source>
      <translation>Mae pob cofnod yn cario cod o gynllun dosbarthu AddressBase (lefelau cynradd, eilaidd, trydyddol ac weithiau pedwaraidd, e.e. R → RD → RD04 Teras). Mae cod sydd ar goll neu'n anhysbys yn cuddio beth yw'r eiddo; dylid dosbarthu eiddo preswyl a masnachol (R…, C…) i'r lefel drydyddol (4 nod, e.e. RD06 fflat, CR08 siop), am fod gwasanaethau, y dreth gyngor a chynllunio at argyfwng yn dibynnu arno. I'w drwsio: dosbarthwch yr eiddo gyda'r cod mwyaf penodol sy'n gweddu.</translation>
    </message>
    <message>
      <source>USRN missing</source>
      <translation>USRN ar goll</translation>
    </message>
    <message>
      <source>Every address (LPI) is on a street and carries that street's Unique Street Reference Number; without it the address cannot be tied to the street gazetteer (NSG). Fix: give the record the USRN of the street it is addressed from.</source>
      <translation>Mae pob cyfeiriad (LPI) ar stryd ac yn cario Cyfeirnod Stryd Unigryw (USRN) y stryd honno; hebddo ni ellir clymu'r cyfeiriad wrth y gazetiadur strydoedd (NSG). I'w drwsio: rhowch i'r cofnod USRN y stryd y mae'n cael ei gyfeirio ohoni.</translation>
    </message>
    <message>
      <source>USRN not in the street gazetteer</source>
      <translation>USRN heb fod yn y gazetiadur strydoedd</translation>
    </message>
    <message>
      <source>An address's USRN must be the USRN of a street in the street gazetteer (the STREETS layer). A USRN that is not there points at a street that was never recorded, was deleted, or was mistyped. Fix: correct the USRN, or add the missing street.</source>
      <translation>Rhaid i USRN cyfeiriad fod yn USRN stryd yn y gazetiadur strydoedd (haen STREETS). Mae USRN nad yw yno yn pwyntio at stryd na chafodd ei chofnodi erioed, a gafodd ei dileu, neu a gafodd ei chamdeipio. I'w drwsio: cywirwch yr USRN, neu ychwanegwch y stryd sydd ar goll.</translation>
    </message>
    <message>
      <source>Live address on a closed street</source>
      <translation>Cyfeiriad byw ar stryd sydd wedi cau</translation>
    </message>
    <message>
      <source>A street with state 4 is permanently closed (no longer exists or is no longer maintained), so a live address (logical status 1, 3, 5 or 6) cannot be reached from it. Fix: move the address to the street that now serves it, or retire the address if the property has gone.</source>
      <translation>Mae stryd â chyflwr 4 wedi cau'n barhaol (nid yw'n bodoli mwyach neu nid yw'n cael ei chynnal mwyach), felly ni ellir cyrraedd cyfeiriad byw (statws rhesymegol 1, 3, 5 neu 6) ohoni. I'w drwsio: symudwch y cyfeiriad i'r stryd sy'n ei wasanaethu nawr, neu ymddeolwch y cyfeiriad os yw'r eiddo wedi mynd.</translation>
    </message>
    <message>
      <source>No PAO number and no PAO text</source>
      <translation>Dim rhif PAO a dim testun PAO</translation>
    </message>
    <message>
      <source>The primary addressable object (the building or plot) is identified by a number, a name (PAO text), or both. With neither, the address cannot be found on the street. Fix: give the building its number, or its name where it has no number.</source>
      <translation>Mae'r prif wrthrych y gellir ei gyfeirio (yr adeilad neu'r llain) yn cael ei adnabod gan rif, enw (testun PAO), neu'r ddau. Heb yr un o'r ddau, ni ellir dod o hyd i'r cyfeiriad ar y stryd. I'w drwsio: rhowch ei rif i'r adeilad, neu ei enw lle nad oes ganddo rif.</translation>
    </message>
    <message>
      <source>PAO or SAO text that is only a number</source>
      <translation>Testun PAO neu SAO sy'n ddim ond rhif</translation>
    </message>
    <message>
      <source>Numbers belong in the number fields (start number and suffix), text in the text field. A PAO or SAO text of '12' or '12A' is a number typed in the wrong place: it will not sort, range-check or match as a number. Fix: move it to the start number (and suffix) and clear the text.</source>
      <translation>Mae rhifau'n perthyn yn y meysydd rhif (rhif dechrau ac ôl-ddodiad), testun yn y maes testun. Mae testun PAO neu SAO o '12' neu '12A' yn rhif wedi'i deipio yn y lle anghywir: ni fydd yn trefnu, yn gwirio ystod nac yn cyfateb fel rhif. I'w drwsio: symudwch ef i'r rhif dechrau (a'r ôl-ddodiad) a chliriwch y testun.</translation>
    </message>
    <message>
      <source>PAO/SAO numbers or suffixes invalid</source>
      <translation>Rhifau neu ôl-ddodiaid PAO/SAO annilys</translation>
    </message>
    <message>
      <source>BS 7666 numbers are whole numbers from 0 to 9999; a range has a start and an end above it (an end number needs a start number); a suffix is a letter (at most 2) that follows a number. Typical faults: an end number without a start, a range that runs backwards (14–12), a suffix with no number, '12' typed as a suffix. Fix: re-key the number, range and suffix from the street nameplate or building.</source>
      <translation>Mae rhifau BS 7666 yn rhifau cyfan o 0 i 9999; mae gan ystod ddechrau a diwedd uwch ei ben (mae angen rhif dechrau ar rif diwedd); mae ôl-ddodiad yn llythyren (2 ar y mwyaf) sy'n dilyn rhif. Diffygion nodweddiadol: rhif diwedd heb ddechrau, ystod sy'n rhedeg tuag yn ôl (14–12), ôl-ddodiad heb rif, '12' wedi'i deipio fel ôl-ddodiad. I'w drwsio: ail-deipiwch y rhif, yr ystod a'r ôl-ddodiad o blât enw'r stryd neu'r adeilad.</translation>
    </message>
    <message>
      <source>PAO text equal to SAO text</source>
      <translation>Testun PAO yr un fath â thestun SAO</translation>
    </message>
    <message>
      <source>The SAO (the flat or unit) and the PAO (the building) name different things. When both hold the same text the address repeats itself ('ROSE COURT, ROSE COURT') and is usually a building entered twice, or a flat that lost its own name or number. Fix: give the SAO the unit's own name or number, or clear it if the record is the whole building.</source>
      <translation>Mae'r SAO (y fflat neu'r uned) a'r PAO (yr adeilad) yn enwi pethau gwahanol. Pan fo'r ddau'n dal yr un testun mae'r cyfeiriad yn ailadrodd ei hun ('ROSE COURT, ROSE COURT') ac fel arfer mae'n adeilad wedi'i gofnodi ddwywaith, neu'n fflat a gollodd ei enw neu ei rif ei hun. I'w drwsio: rhowch i'r SAO enw neu rif yr uned ei hun, neu cliriwch ef os yw'r cofnod yn adeilad cyfan.</translation>
    </message>
    <message>
      <source>Stray characters or bad spacing in address text</source>
      <translation>Nodau crwydr neu fylchau gwael yn nhestun y cyfeiriad</translation>
    </message>
    <message>
      <source>Address text (organisation, SAO and PAO text, street, locality, town, administrative area) holds letters, digits, spaces and the punctuation BS 7666 allows (' - , . &amp; / ( ) !). Characters such as ? * # @ ; : " _ tabs or line breaks, spaces at the start or end, or two spaces in a row break matching, sorting and printed labels. Fix: retype the text without them.</source>
      <translation>Mae testun cyfeiriad (sefydliad, testun SAO a PAO, stryd, ardal leol, tref, ardal weinyddol) yn dal llythrennau, digidau, bylchau a'r atalnodi y mae BS 7666 yn ei ganiatáu (' - , . &amp; / ( ) !). Mae nodau fel ? * # @ ; : " _, tabiau neu doriadau llinell, bylchau ar y dechrau neu'r diwedd, neu ddau fwlch yn olynol yn torri cyfateb, trefnu a labeli printiedig. I'w drwsio: ail-deipiwch y testun hebddynt.</translation>
    </message>
    <message>
      <source>Address text longer than the field allows</source>
      <translation>Testun cyfeiriad yn hwy nag y mae'r maes yn ei ganiatáu</translation>
    </message>
    <message>
      <source>The GeoPlace data transfer format limits each text field (SAO/PAO text 90 characters, street description 100, locality, town and administrative area 35, organisation 100). Longer text is cut off when the gazetteer is exchanged with GeoPlace or other systems. Fix: shorten the text, using the standard abbreviations only where the convention allows.</source>
      <translation>Mae fformat trosglwyddo data GeoPlace yn cyfyngu ar bob maes testun (testun SAO/PAO 90 nod, disgrifiad stryd 100, ardal leol, tref ac ardal weinyddol 35, sefydliad 100). Mae testun hwy yn cael ei dorri pan gyfnewidir y gazetiadur â GeoPlace neu systemau eraill. I'w drwsio: byrhewch y testun, gan ddefnyddio'r talfyriadau safonol dim ond lle mae'r confensiwn yn caniatáu.</translation>
    </message>
    <message>
      <source>Postcode not in BS 7666 format</source>
      <translation>Cod post heb fod yn fformat BS 7666</translation>
    </message>
    <message>
      <source>A postcode is an outward code (area letters, district digits, e.g. TN13) and an inward code (a digit and two letters, e.g. 1AA) separated by one space, in capitals. Lower case, missing or extra spaces, or a letter O for a zero stop the postcode matching Royal Mail's and every other system's. Fix: retype the postcode in the standard form.</source>
      <translation>Mae cod post yn god allanol (llythrennau'r ardal, digidau'r dosbarth, e.e. TN13) a chod mewnol (digid a dwy lythyren, e.e. 1AA) wedi'u gwahanu gan un bwlch, mewn priflythrennau. Mae llythrennau bach, bylchau ar goll neu ychwanegol, neu'r llythyren O yn lle sero yn atal y cod post rhag cyfateb i god y Post Brenhinol a phob system arall. I'w drwsio: ail-deipiwch y cod post yn y ffurf safonol.</translation>
    </message>
    <message>
      <source>Postcode not in Code-Point Open</source>
      <translation>Cod post heb fod yn Code-Point Open</translation>
    </message>
    <message>
      <source>A postcode that Code-Point Open (the POSTCODES layer) does not list is either mistyped, new since that release, or retired by Royal Mail. Fix: check the postcode with Royal Mail's Postcode Address File and correct it, or load a newer Code-Point Open release.</source>
      <translation>Mae cod post nad yw Code-Point Open (haen POSTCODES) yn ei restru naill ai wedi'i gamdeipio, yn newydd ers y rhyddhad hwnnw, neu wedi'i ymddeol gan y Post Brenhinol. I'w drwsio: gwiriwch y cod post gyda Ffeil Cyfeiriadau Codau Post y Post Brenhinol a'i gywiro, neu llwythwch ryddhad mwy diweddar o Code-Point Open.</translation>
    </message>
    <message>
      <source>Address far from its postcode's centre</source>
      <translation>Cyfeiriad ymhell o ganol ei god post</translation>
    </message>
    <message>
      <source>The addresses of one postcode unit (about 15 on average) lie close together. An address far from its postcode's centre (the Code-Point Open point when POSTCODES is given, otherwise the median of the addresses sharing the postcode; the distance is a parameter: 1,000 m suits a town; rural authorities, whose postcodes follow long lanes, may raise it) has the wrong postcode or a misplaced point. Fix: check the postcode against Royal Mail's PAF and the point against the map.</source>
      <translation>Mae cyfeiriadau un uned cod post (tua 15 ar gyfartaledd) yn agos at ei gilydd. Mae gan gyfeiriad ymhell o ganol ei god post (pwynt Code-Point Open pan roddir POSTCODES, fel arall canolrif y cyfeiriadau sy'n rhannu'r cod post; paramedr yw'r pellter: mae 1,000 m yn gweddu i dref; gall awdurdodau gwledig, y mae eu codau post yn dilyn lonydd hir, ei godi) y cod post anghywir neu bwynt yn y lle anghywir. I'w drwsio: gwiriwch y cod post yn erbyn PAF y Post Brenhinol a'r pwynt yn erbyn y map.</translation>
    </message>
    <message>
      <source>Address far from its street</source>
      <translation>Cyfeiriad ymhell o'i stryd</translation>
    </message>
    <message>
      <source>An address is normally within a short distance of the street it is addressed from (the threshold is a parameter; 250 m suits a UK town, rural authorities with long drives may raise it). A point far from its street suggests the wrong USRN, or a point captured in the wrong place. Fix: check the USRN against the map and move the point or correct the street.</source>
      <translation>Fel arfer mae cyfeiriad o fewn pellter byr i'r stryd y mae'n cael ei gyfeirio ohoni (paramedr yw'r trothwy; mae 250 m yn gweddu i dref yn y DU, gall awdurdodau gwledig â dreifiau hir ei godi). Mae pwynt ymhell o'i stryd yn awgrymu'r USRN anghywir, neu bwynt a gipiwyd yn y lle anghywir. I'w drwsio: gwiriwch yr USRN yn erbyn y map a symudwch y pwynt neu cywirwch y stryd.</translation>
    </message>
    <message>
      <source>Parent UPRN not in the gazetteer</source>
      <translation>UPRN rhiant heb fod yn y gazetiadur</translation>
    </message>
    <message>
      <source>A parent UPRN links a flat or unit to the building that contains it, and must be the UPRN of a record in the same gazetteer. A parent that is not there was deleted, never created, or mistyped. Fix: correct the parent UPRN, or create the parent (building) record.</source>
      <translation>Mae UPRN rhiant yn cysylltu fflat neu uned â'r adeilad sy'n ei gynnwys, a rhaid iddo fod yn UPRN cofnod yn yr un gazetiadur. Mae rhiant nad yw yno wedi'i ddileu, heb ei greu erioed, neu wedi'i gamdeipio. I'w drwsio: cywirwch yr UPRN rhiant, neu crëwch gofnod y rhiant (yr adeilad).</translation>
    </message>
    <message>
      <source>Live child of a historic or rejected parent</source>
      <translation>Plentyn byw i riant hanesyddol neu wedi'i wrthod</translation>
    </message>
    <message>
      <source>A live record (logical status 1, 3, 5 or 6) cannot sit inside a building whose own record is historic or rejected (7, 8 or 9): either the building still exists, or its flats and units went with it. Fix: re-instate the parent, re-parent the child to the building that replaced it, or retire the child.</source>
      <translation>Ni all cofnod byw (statws rhesymegol 1, 3, 5 neu 6) fod y tu mewn i adeilad y mae ei gofnod ei hun yn hanesyddol neu wedi'i wrthod (7, 8 neu 9): naill ai mae'r adeilad yn dal i fodoli, neu mae ei fflatiau a'i unedau wedi mynd gydag ef. I'w drwsio: adferwch y rhiant, rhowch y plentyn dan yr adeilad a ddaeth yn ei le, neu ymddeolwch y plentyn.</translation>
    </message>
    <message>
      <source>Parent/child cycle</source>
      <translation>Cylch rhiant/plentyn</translation>
    </message>
    <message>
      <source>Following parent UPRNs upwards must end at a top-level record. A record that is its own parent, or a chain that comes back on itself (A's parent is B, B's parent is A), has no top and breaks every hierarchy-based report. Fix: clear the parent UPRN of the record that is really the top-level building.</source>
      <translation>Rhaid i ddilyn yr UPRNau rhiant i fyny ddod i ben mewn cofnod lefel uchaf. Nid oes brig i gofnod sy'n rhiant iddo'i hun, nac i gadwyn sy'n dod yn ôl arni'i hun (rhiant A yw B, rhiant B yw A), ac mae'n torri pob adroddiad sy'n seiliedig ar yr hierarchaeth. I'w drwsio: cliriwch UPRN rhiant y cofnod sydd mewn gwirionedd yn adeilad lefel uchaf.</translation>
    </message>
    <message>
      <source>Child's PAO differs from its parent's</source>
      <translation>PAO y plentyn yn wahanol i PAO ei riant</translation>
    </message>
    <message>
      <source>A flat or unit (the child) is addressed as part of its building (the parent), so it repeats the parent's PAO: 'FLAT 2, 10 HIGH STREET' has the PAO '10' of the building '10 HIGH STREET'. A different PAO means the child points at the wrong parent, or one of the two was renumbered alone. Fix: re-parent the child, or make the PAOs agree.</source>
      <translation>Mae fflat neu uned (y plentyn) yn cael ei gyfeirio fel rhan o'i adeilad (y rhiant), felly mae'n ailadrodd PAO y rhiant: mae gan 'FLAT 2, 10 HIGH STREET' PAO '10' yr adeilad '10 HIGH STREET'. Mae PAO gwahanol yn golygu bod y plentyn yn pwyntio at y rhiant anghywir, neu fod un o'r ddau wedi'i ailrifo ar ei ben ei hun. I'w drwsio: rhowch y plentyn dan y rhiant cywir, neu gwnewch i'r PAOau gytuno.</translation>
    </message>
    <message>
      <source>Child's USRN differs from its parent's</source>
      <translation>USRN y plentyn yn wahanol i USRN ei riant</translation>
    </message>
    <message>
      <source>A flat or unit is normally addressed from the same street as the building that contains it. A child on a different USRN from its parent points at the wrong parent, or at the wrong street. Fix: re-parent the child or correct its USRN (a building with entrances on two streets keeps its units on the street of their own entrance: accept those).</source>
      <translation>Fel arfer mae fflat neu uned yn cael ei gyfeirio o'r un stryd â'r adeilad sy'n ei gynnwys. Mae plentyn ar USRN gwahanol i'w riant yn pwyntio at y rhiant anghywir, neu at y stryd anghywir. I'w drwsio: rhowch y plentyn dan y rhiant cywir neu cywirwch ei USRN (mae adeilad â mynedfeydd ar ddwy stryd yn cadw ei unedau ar stryd eu mynedfa eu hunain: derbyniwch y rheini).</translation>
    </message>
    <message>
      <source>Two live addresses with the same text</source>
      <translation>Dau gyfeiriad byw â'r un testun</translation>
    </message>
    <message>
      <source>Two live records that print as the same single-line address cannot be told apart by a resident, a delivery driver or a matching system. Usually one is a duplicate of the other, or a flat or unit lost the name or number that tells it apart. Fix: retire the duplicate, or give each unit its own SAO.</source>
      <translation>Ni all preswylydd, gyrrwr danfon na system gyfateb wahaniaethu rhwng dau gofnod byw sy'n argraffu fel yr un cyfeiriad un llinell. Fel arfer mae un yn ddyblygiad o'r llall, neu mae fflat neu uned wedi colli'r enw neu'r rhif sy'n ei wahaniaethu. I'w drwsio: ymddeolwch y dyblygiad, neu rhowch ei SAO ei hun i bob uned.</translation>
    </message>
    <message>
      <source>USRN missing or duplicated</source>
      <translation>USRN ar goll neu wedi'i ddyblygu</translation>
    </message>
    <message>
      <source>Every street has one Unique Street Reference Number and no two street records share it. A repeated USRN splits one street across records (or gives two streets one number); a missing one leaves the street impossible to reference. Fix: merge the records of one street, or renumber the street that took another's USRN.</source>
      <translation>Mae gan bob stryd un Cyfeirnod Stryd Unigryw (USRN) ac nid oes dau gofnod stryd yn ei rannu. Mae USRN sy'n cael ei ailadrodd yn rhannu un stryd rhwng cofnodion (neu'n rhoi un rhif i ddwy stryd); mae un sydd ar goll yn ei gwneud yn amhosibl cyfeirio at y stryd. I'w drwsio: cyfunwch gofnodion un stryd, neu ailrifwch y stryd a gymerodd USRN stryd arall.</translation>
    </message>
    <message>
      <source>Street geometry missing, empty or of zero length</source>
      <translation>Geometreg stryd ar goll, yn wag neu â hyd sero</translation>
    </message>
    <message>
      <source>Each street record has a line that follows the street on the ground (in the NSG, the union of its Elementary Street Units). A missing, empty or zero-length line cannot be drawn, routed or used to check its addresses. Fix: digitise the street's centreline from its start to its end.</source>
      <translation>Mae gan bob cofnod stryd linell sy'n dilyn y stryd ar lawr gwlad (yn yr NSG, uniad ei Hunedau Stryd Elfennol). Ni ellir tynnu, llwybro na defnyddio llinell sydd ar goll, yn wag neu â hyd sero i wirio ei chyfeiriadau. I'w drwsio: digideiddiwch linell ganol y stryd o'i dechrau i'w diwedd.</translation>
    </message>
    <message>
      <source>Street geometry crosses itself</source>
      <translation>Geometreg stryd yn croesi ei hun</translation>
    </message>
    <message>
      <source>A street line that crosses or overlaps itself (a figure of eight, or a part digitised twice) double-counts its length and confuses routing. Fix: split the street where it really crosses itself, or delete the repeated part.</source>
      <translation>Mae llinell stryd sy'n croesi neu'n gorgyffwrdd â hi ei hun (ffigur wyth, neu ran wedi'i digideiddio ddwywaith) yn cyfrif ei hyd ddwywaith ac yn drysu llwybro. I'w drwsio: rhannwch y stryd lle mae'n croesi ei hun go iawn, neu dilëwch y rhan sy'n cael ei hailadrodd.</translation>
    </message>
    <message>
      <source>Street geometry has repeated vertices</source>
      <translation>Fertigau wedi'u hailadrodd mewn geometreg stryd</translation>
    </message>
    <message>
      <source>Two consecutive vertices at the same position add nothing but a zero-length segment, which breaks direction and snapping calculations and often marks a digitising slip. Fix: remove the repeated vertex (QGIS: Vertex tool, or Processing › Remove duplicate vertices).</source>
      <translation>Nid yw dau fertig olynol yn yr un safle yn ychwanegu dim ond segment â hyd sero, sy'n torri cyfrifiadau cyfeiriad a snapio ac yn aml yn dangos llithriad digideiddio. I'w drwsio: tynnwch y fertig sy'n cael ei ailadrodd (QGIS: yr offeryn Fertigau, neu Processing › Remove duplicate vertices).</translation>
    </message>
    <message>
      <source>Street not connected to the network</source>
      <translation>Stryd heb ei chysylltu â'r rhwydwaith</translation>
    </message>
    <message>
      <source>Streets join other streets: a street with no other street within the network tolerance (a parameter, default 1 m) is isolated, so routing and catchments cannot reach its addresses. Usually its end was not snapped to the street it meets. Fix: snap the end vertex to the junction (QGIS snapping or Processing › Snap geometries to layer).</source>
      <translation>Mae strydoedd yn ymuno â strydoedd eraill: mae stryd heb stryd arall o fewn goddefiant y rhwydwaith (paramedr, 1 m yn ddiofyn) yn ynysig, felly ni all llwybro a dalgylchoedd gyrraedd ei chyfeiriadau. Fel arfer ni chafodd ei phen ei snapio i'r stryd y mae'n ei chyfarfod. I'w drwsio: snapiwch y fertig olaf i'r gyffordd (snapio QGIS neu Processing › Snap geometries to layer).</translation>
    </message>
    <message>
      <source>Street descriptor, town or administrative area missing</source>
      <translation>Disgrifydd stryd, tref neu ardal weinyddol ar goll</translation>
    </message>
    <message>
      <source>A street record names the street (descriptor), the town and the administrative area it is in; these make up the street part of every address on it. Fix: fill in the missing name from the street naming order or the neighbouring streets.</source>
      <translation>Mae cofnod stryd yn enwi'r stryd (disgrifydd), y dref a'r ardal weinyddol y mae ynddynt; mae'r rhain yn ffurfio rhan stryd pob cyfeiriad arni. I'w drwsio: llenwch yr enw sydd ar goll o'r gorchymyn enwi strydoedd neu o'r strydoedd cyfagos.</translation>
    </message>
    <message>
      <source>Street locality equal to its town</source>
      <translation>Ardal leol y stryd yr un fath â'i thref</translation>
    </message>
    <message>
      <source>The locality names a village or district inside the town; repeating the town name in the locality puts it twice in every address ('HIGH STREET, SEVENOAKS, SEVENOAKS'). Fix: clear the locality, or enter the real locality.</source>
      <translation>Mae'r ardal leol yn enwi pentref neu ardal y tu mewn i'r dref; mae ailadrodd enw'r dref yn yr ardal leol yn ei roi ddwywaith ym mhob cyfeiriad ('HIGH STREET, SEVENOAKS, SEVENOAKS'). I'w drwsio: cliriwch yr ardal leol, neu rhowch yr ardal leol go iawn.</translation>
    </message>
    <message>
      <source>Spaces or stray characters in street names</source>
      <translation>Bylchau neu nodau crwydr mewn enwau strydoedd</translation>
    </message>
    <message>
      <source>Street descriptor, locality, town and administrative area must not start or end with a space, hold two spaces in a row, or carry characters outside letters, digits, spaces and ' - , . &amp; / ( ) !. Such text will not match the same name typed cleanly. Fix: retype the name.</source>
      <translation>Ni chaiff disgrifydd stryd, ardal leol, tref ac ardal weinyddol ddechrau na gorffen â bwlch, dal dau fwlch yn olynol, na chario nodau heblaw llythrennau, digidau, bylchau a ' - , . &amp; / ( ) !. Ni fydd testun o'r fath yn cyfateb i'r un enw wedi'i deipio'n lân. I'w drwsio: ail-deipiwch yr enw.</translation>
    </message>
    <message>
      <source>Same street name twice in one town on streets that do not touch</source>
      <translation>Yr un enw stryd ddwywaith mewn un dref ar strydoedd nad ydynt yn cyffwrdd</translation>
    </message>
    <message>
      <source>Two separate streets with the same name in the same town (and the same locality, when the streets record one) send visitors, deliveries and emergency services to the wrong one; street naming rules forbid it. Records of one street split into parts that touch are fine, and so is a road that keeps its name through different localities (villages) of a town, since the locality tells them apart. Fix: rename one of the streets, or, if they are one street, join the parts (and their USRNs).</source>
      <translation>Mae dwy stryd ar wahân â'r un enw yn yr un dref (a'r un ardal leol, pan fo'r strydoedd yn cofnodi un) yn anfon ymwelwyr, danfoniadau a'r gwasanaethau brys i'r un anghywir; mae rheolau enwi strydoedd yn gwahardd hynny. Mae cofnodion un stryd wedi'i rhannu'n rhannau sy'n cyffwrdd yn iawn, ac felly hefyd ffordd sy'n cadw ei henw drwy wahanol ardaloedd lleol (pentrefi) tref, gan fod yr ardal leol yn gwahaniaethu rhyngddynt. I'w drwsio: ailenwch un o'r strydoedd, neu, os un stryd ydynt, unwch y rhannau (a'u USRNau).</translation>
    </message>
    <message>
      <source>Numbered street without a road number</source>
      <translation>Stryd â rhif heb rif ffordd</translation>
    </message>
    <message>
      <source>A type 3 (numbered) street record carries the road's number as its descriptor: a reserved prefix M, A, B, C or U followed by the number, e.g. A21, B2042, M25, A1(M). A type 3 record without one is either another street type or a road number keyed wrongly. Fix: enter the road number, or change the street type.</source>
      <translation>Mae cofnod stryd math 3 (â rhif) yn cario rhif y ffordd fel ei ddisgrifydd: rhagddodiad neilltuedig M, A, B, C neu U wedi'i ddilyn gan y rhif, e.e. A21, B2042, M25, A1(M). Mae cofnod math 3 heb un naill ai'n fath arall o stryd neu'n rhif ffordd wedi'i deipio'n anghywir. I'w drwsio: rhowch rif y ffordd, neu newidiwch fath y stryd.</translation>
    </message>
    <message>
      <source>Street end date without state 4, or state 4 without an end date</source>
      <translation>Dyddiad gorffen stryd heb gyflwr 4, neu gyflwr 4 heb ddyddiad gorffen</translation>
    </message>
    <message>
      <source>A street that has closed (state 4) records the date it closed in its end date, and only closed streets have an end date. Fix: set state 4 on the street that ended, or remove the end date from the street that is still open; add the end date to a closed street.</source>
      <translation>Mae stryd sydd wedi cau (cyflwr 4) yn cofnodi'r dyddiad y caeodd yn ei dyddiad gorffen, a dim ond strydoedd sydd wedi cau sydd â dyddiad gorffen. I'w drwsio: gosodwch gyflwr 4 ar y stryd a ddaeth i ben, neu tynnwch y dyddiad gorffen o'r stryd sy'n dal ar agor; ychwanegwch y dyddiad gorffen at stryd sydd wedi cau.</translation>
    </message>
    <message>
      <source>Live designated street with no addresses</source>
      <translation>Stryd ddynodedig fyw heb gyfeiriadau</translation>
    </message>
    <message>
      <source>A live (not closed) street with an official name (type 1) usually has addresses. One with none may be newly named and not yet built on, or its addresses may carry another street's USRN. Fix: nothing if the street is new or has no properties; otherwise move its addresses onto it.</source>
      <translation>Fel arfer mae gan stryd fyw (heb gau) ag enw swyddogol (math 1) gyfeiriadau. Efallai fod un heb ddim newydd ei henwi a heb ei hadeiladu arni eto, neu fod ei chyfeiriadau'n cario USRN stryd arall. I'w drwsio: dim os yw'r stryd yn newydd neu heb eiddo; fel arall symudwch ei chyfeiriadau arni.</translation>
    </message>
    <message>
      <source>Street outside the authority boundary</source>
      <translation>Stryd y tu allan i ffin yr awdurdod</translation>
    </message>
    <message>
      <source>An authority's street gazetteer holds the streets in its area (streets crossing the boundary are fine). A street wholly outside the boundary (beyond the boundary tolerance) belongs to a neighbour or was digitised in the wrong place. Fix: remove it from this gazetteer, or move its geometry.</source>
      <translation>Mae gazetiadur strydoedd awdurdod yn dal y strydoedd yn ei ardal (mae strydoedd sy'n croesi'r ffin yn iawn). Mae stryd sy'n gyfan gwbl y tu allan i'r ffin (y tu hwnt i oddefiant y ffin) yn perthyn i gymydog neu wedi'i digideiddio yn y lle anghywir. I'w drwsio: tynnwch hi o'r gazetiadur hwn, neu symudwch ei geometreg.</translation>
    </message>
    <message>
      <source>Street dates unreadable, in the future, or end before start</source>
      <translation>Dyddiadau stryd annarllenadwy, yn y dyfodol, neu'n gorffen cyn dechrau</translation>
    </message>
    <message>
      <source>A street's start, end and state dates must be real dates (YYYY-MM-DD), not in the future, and a street cannot end before it starts. Fix: enter the real dates.</source>
      <translation>Rhaid i ddyddiadau dechrau, gorffen a chyflwr stryd fod yn ddyddiadau go iawn (BBBB-MM-DD), nid yn y dyfodol, ac ni all stryd orffen cyn iddi ddechrau. I'w drwsio: rhowch y dyddiadau go iawn.</translation>
    </message>
    <message>
      <source>UPRN {uprn}</source>
      <translation>UPRN {uprn}</translation>
    </message>
    <message>
      <source>the address at {ref}</source>
      <translation>y cyfeiriad yn {ref}</translation>
    </message>
    <message>
      <source>USRN {usrn}</source>
      <translation>USRN {usrn}</translation>
    </message>
    <message>
      <source>the street at {ref}</source>
      <translation>y stryd yn {ref}</translation>
    </message>
    <message>
      <source>{key}: {problems}</source>
      <translation>{key}: {problems}</translation>
    </message>
    <message>
      <source>organisation</source>
      <translation>sefydliad</translation>
    </message>
    <message>
      <source>sao text</source>
      <translation>testun SAO</translation>
    </message>
    <message>
      <source>pao text</source>
      <translation>testun PAO</translation>
    </message>
    <message>
      <source>street description</source>
      <translation>disgrifiad y stryd</translation>
    </message>
    <message>
      <source>locality</source>
      <translation>ardal leol</translation>
    </message>
    <message>
      <source>town</source>
      <translation>tref</translation>
    </message>
    <message>
      <source>administrative area</source>
      <translation>ardal weinyddol</translation>
    </message>
    <message>
      <source>start date</source>
      <translation>dyddiad dechrau</translation>
    </message>
    <message>
      <source>end date</source>
      <translation>dyddiad gorffen</translation>
    </message>
    <message>
      <source>last update date</source>
      <translation>dyddiad diweddaru olaf</translation>
    </message>
    <message>
      <source>state date</source>
      <translation>dyddiad y cyflwr</translation>
    </message>
    <message>
      <source>UPRN {key} ({ref}) is used by {count} records; the next is {next}</source>
      <translation>Defnyddir UPRN {key} ({ref}) gan {count} cofnod; y nesaf yw {next}</translation>
    </message>
    <message>
      <source>UPRN {key} ({ref}) duplicates the UPRN of {first}</source>
      <translation>Mae UPRN {key} ({ref}) yn dyblygu UPRN {first}</translation>
    </message>
    <message>
      <source>The address at {ref} has no UPRN (or it is not a number)</source>
      <translation>Nid oes UPRN gan y cyfeiriad yn {ref} (neu nid yw'n rhif)</translation>
    </message>
    <message>
      <source>{address} has no coordinates</source>
      <translation>Nid oes cyfesurynnau gan {address}</translation>
    </message>
    <message>
      <source>{address} is at ({x}, {y}), outside the British National Grid</source>
      <translation>Mae {address} yn ({x}, {y}), y tu allan i Grid Cenedlaethol Prydain</translation>
    </message>
    <message>
      <source>{address} lies {distance} outside the authority boundary</source>
      <translation>Mae {address} {distance} y tu allan i ffin yr awdurdod</translation>
    </message>
    <message>
      <source>{address} has no logical status</source>
      <translation>Nid oes statws rhesymegol gan {address}</translation>
    </message>
    <message>
      <source>{address} has logical status {status}, which is not a valid code ({codes})</source>
      <translation>Mae gan {address} statws rhesymegol {status}, nad yw'n god dilys ({codes})</translation>
    </message>
    <message>
      <source>{address} has BLPU state {state}, which is not a valid code ({codes})</source>
      <translation>Mae gan {address} gyflwr BLPU {state}, nad yw'n god dilys ({codes})</translation>
    </message>
    <message>
      <source>{address} has logical status {status} with BLPU state {state}; status {status} allows state {allowed}</source>
      <translation>Mae gan {address} statws rhesymegol {status} gyda chyflwr BLPU {state}; mae statws {status} yn caniatáu cyflwr {allowed}</translation>
    </message>
    <message>
      <source>{address} is live (logical status {status}) but has end date {end}</source>
      <translation>Mae {address} yn fyw (statws rhesymegol {status}) ond mae ganddo ddyddiad gorffen {end}</translation>
    </message>
    <message>
      <source>{address} has logical status {status} (historic or rejected) but no end date</source>
      <translation>Mae gan {address} statws rhesymegol {status} (hanesyddol neu wedi'i wrthod) ond dim dyddiad gorffen</translation>
    </message>
    <message>
      <source>{field} {value} is not a date</source>
      <translation>Nid yw {field} {value} yn ddyddiad</translation>
    </message>
    <message>
      <source>{field} {value} is in the future</source>
      <translation>Mae {field} {value} yn y dyfodol</translation>
    </message>
    <message>
      <source>end date {end} is before start date {start}</source>
      <translation>mae dyddiad gorffen {end} cyn dyddiad dechrau {start}</translation>
    </message>
    <message>
      <source>{address} has no representative point code</source>
      <translation>Nid oes cod pwynt cynrychioliadol gan {address}</translation>
    </message>
    <message>
      <source>{address} has obsolete representative point code {rpc}: the point is only approximately placed</source>
      <translation>Mae gan {address} god pwynt cynrychioliadol darfodedig {rpc}: dim ond yn fras y mae'r pwynt wedi'i leoli</translation>
    </message>
    <message>
      <source>{address} has representative point code {rpc}, which is not a valid code (1, 2 or 4)</source>
      <translation>Mae gan {address} god pwynt cynrychioliadol {rpc}, nad yw'n god dilys (1, 2 neu 4)</translation>
    </message>
    <message>
      <source>{address} has no classification code</source>
      <translation>Nid oes cod dosbarthu gan {address}</translation>
    </message>
    <message>
      <source>{address} has classification {code}, which is not an AddressBase classification code</source>
      <translation>Mae gan {address} ddosbarthiad {code}, nad yw'n god dosbarthu AddressBase</translation>
    </message>
    <message>
      <source>{address} is classified only as {code} ({description}): give the tertiary code (e.g. RD04, CR08)</source>
      <translation>Dim ond fel {code} ({description}) y mae {address} wedi'i ddosbarthu: rhowch y cod trydyddol (e.e. RD04, CR08)</translation>
    </message>
    <message>
      <source>{address} has no USRN</source>
      <translation>Nid oes USRN gan {address}</translation>
    </message>
    <message>
      <source>{address} has USRN {usrn}, which is not in STREETS</source>
      <translation>Mae gan {address} USRN {usrn}, nad yw yn STREETS</translation>
    </message>
    <message>
      <source>{address} is live but its street, USRN {usrn}, is closed (state {state})</source>
      <translation>Mae {address} yn fyw ond mae ei stryd, USRN {usrn}, ar gau (cyflwr {state})</translation>
    </message>
    <message>
      <source>{address} has no PAO number and no PAO text</source>
      <translation>Nid oes rhif PAO na thestun PAO gan {address}</translation>
    </message>
    <message>
      <source>{part} text {text} is only a number: put it in the {part} start number</source>
      <translation>Dim ond rhif yw testun {part} {text}: rhowch ef yn rhif dechrau {part}</translation>
    </message>
    <message>
      <source>{part} start number {value} is outside {low}–{high}</source>
      <translation>Mae rhif dechrau {part} {value} y tu allan i {low}–{high}</translation>
    </message>
    <message>
      <source>{part} end number {value} is outside {low}–{high}</source>
      <translation>Mae rhif diwedd {part} {value} y tu allan i {low}–{high}</translation>
    </message>
    <message>
      <source>{part} has an end number ({end}) but no start number</source>
      <translation>Mae gan {part} rif diwedd ({end}) ond dim rhif dechrau</translation>
    </message>
    <message>
      <source>{part} end number {end} is below the start number {start}</source>
      <translation>Mae rhif diwedd {part} {end} yn is na'r rhif dechrau {start}</translation>
    </message>
    <message>
      <source>{part} range {start} to {end} ends where it starts</source>
      <translation>Mae ystod {part} {start} i {end} yn gorffen lle mae'n dechrau</translation>
    </message>
    <message>
      <source>{part} range {start} to {end} runs backwards</source>
      <translation>Mae ystod {part} {start} i {end} yn rhedeg tuag yn ôl</translation>
    </message>
    <message>
      <source>{part} start suffix {suffix} has no start number</source>
      <translation>Nid oes rhif dechrau gan ôl-ddodiad dechrau {part} {suffix}</translation>
    </message>
    <message>
      <source>{part} end suffix {suffix} has no end number</source>
      <translation>Nid oes rhif diwedd gan ôl-ddodiad diwedd {part} {suffix}</translation>
    </message>
    <message>
      <source>{part} start suffix {suffix} is longer than {limit} characters</source>
      <translation>Mae ôl-ddodiad dechrau {part} {suffix} yn hwy na {limit} nod</translation>
    </message>
    <message>
      <source>{part} end suffix {suffix} is longer than {limit} characters</source>
      <translation>Mae ôl-ddodiad diwedd {part} {suffix} yn hwy na {limit} nod</translation>
    </message>
    <message>
      <source>{part} start suffix {suffix} is not a letter</source>
      <translation>Nid yw ôl-ddodiad dechrau {part} {suffix} yn llythyren</translation>
    </message>
    <message>
      <source>{part} end suffix {suffix} is not a letter</source>
      <translation>Nid yw ôl-ddodiad diwedd {part} {suffix} yn llythyren</translation>
    </message>
    <message>
      <source>{address} has the same PAO and SAO text {text}</source>
      <translation>Mae gan {address} yr un testun PAO a SAO {text}</translation>
    </message>
    <message>
      <source>{field} {text} has leading or trailing spaces</source>
      <translation>Mae bylchau ar ddechrau neu ddiwedd {field} {text}</translation>
    </message>
    <message>
      <source>{field} {text} has double spaces</source>
      <translation>Mae bylchau dwbl yn {field} {text}</translation>
    </message>
    <message>
      <source>{field} {text} has stray characters</source>
      <translation>Mae nodau crwydr yn {field} {text}</translation>
    </message>
    <message>
      <source>{field} {text} has stray character(s) {characters}</source>
      <translation>Mae nod(au) crwydr {characters} yn {field} {text}</translation>
    </message>
    <message>
      <source>{field} is {length} characters long (limit {limit})</source>
      <translation>Mae {field} yn {length} nod o hyd (terfyn {limit})</translation>
    </message>
    <message>
      <source>{address} has postcode {postcode} which is not in BS 7666 format{hint}</source>
      <translation>Mae gan {address} y cod post {postcode} nad yw yn fformat BS 7666{hint}</translation>
    </message>
    <message>
      <source> (did you mean {postcode}?)</source>
      <translation> (ai {postcode} oedd dan sylw?)</translation>
    </message>
    <message>
      <source>{address} has postcode {postcode}, which is not in POSTCODES</source>
      <translation>Mae gan {address} y cod post {postcode}, nad yw yn POSTCODES</translation>
    </message>
    <message>
      <source>{address} is {distance} from the Code-Point Open point of postcode {postcode}; more than {limit:,.0f} m</source>
      <translation>Mae {address} {distance} o bwynt Code-Point Open y cod post {postcode}; mwy na {limit:,.0f} m</translation>
    </message>
    <message>
      <source>{address} is {distance} from the median point of postcode {postcode}; more than {limit:,.0f} m</source>
      <translation>Mae {address} {distance} o bwynt canolrif y cod post {postcode}; mwy na {limit:,.0f} m</translation>
    </message>
    <message>
      <source>{address} is {distance} from its street, USRN {usrn}{name}; more than {limit:,.0f} m</source>
      <translation>Mae {address} {distance} o'i stryd, USRN {usrn}{name}; mwy na {limit:,.0f} m</translation>
    </message>
    <message>
      <source> ({name})</source>
      <translation> ({name})</translation>
    </message>
    <message>
      <source>{address} has parent UPRN {parent}, which is not in the layer</source>
      <translation>Mae gan {address} UPRN rhiant {parent}, nad yw yn yr haen</translation>
    </message>
    <message>
      <source>{address} is live but its parent {parent} has logical status {status}</source>
      <translation>Mae {address} yn fyw ond mae gan ei riant {parent} statws rhesymegol {status}</translation>
    </message>
    <message>
      <source>{address} is its own parent</source>
      <translation>{address} yw ei riant ei hun</translation>
    </message>
    <message>
      <source>{address} has parent {parent}, in a cycle of {length} records that never reaches a top-level parent</source>
      <translation>Mae gan {address} riant {parent}, mewn cylch o {length} cofnod nad yw byth yn cyrraedd rhiant lefel uchaf</translation>
    </message>
    <message>
      <source>{address} has PAO {pao} but its parent {parent} has PAO {parent_pao}</source>
      <translation>Mae gan {address} PAO {pao} ond mae gan ei riant {parent} PAO {parent_pao}</translation>
    </message>
    <message>
      <source>{address} has USRN {usrn} but its parent {parent} has USRN {parent_usrn}</source>
      <translation>Mae gan {address} USRN {usrn} ond mae gan ei riant {parent} USRN {parent_usrn}</translation>
    </message>
    <message>
      <source>{address} ({ref}) has the same address {text} as {other} ({other_ref})</source>
      <translation>Mae gan {address} ({ref}) yr un cyfeiriad {text} â {other} ({other_ref})</translation>
    </message>
    <message>
      <source>USRN {key} ({ref}) is used by {count} records; the next is {next}</source>
      <translation>Defnyddir USRN {key} ({ref}) gan {count} cofnod; y nesaf yw {next}</translation>
    </message>
    <message>
      <source>USRN {key} ({ref}) duplicates the USRN of {first}</source>
      <translation>Mae USRN {key} ({ref}) yn dyblygu USRN {first}</translation>
    </message>
    <message>
      <source>The street at {ref} has no USRN (or it is not a number)</source>
      <translation>Nid oes USRN gan y stryd yn {ref} (neu nid yw'n rhif)</translation>
    </message>
    <message>
      <source>{street} has no geometry</source>
      <translation>Nid oes geometreg gan {street}</translation>
    </message>
    <message>
      <source>{street} has a zero-length geometry</source>
      <translation>Mae gan {street} geometreg o hyd sero</translation>
    </message>
    <message>
      <source>{street} crosses or overlaps itself</source>
      <translation>Mae {street} yn croesi neu'n gorgyffwrdd â'i hun</translation>
    </message>
    <message>
      <source>{street} has {count} repeated vertex(es), the first at ({x}, {y})</source>
      <translation>Mae gan {street} {count} fertig(au) wedi'u hailadrodd, y cyntaf yn ({x}, {y})</translation>
    </message>
    <message>
      <source>{street} touches no other street within {tolerance:g} m</source>
      <translation>Nid yw {street} yn cyffwrdd ag unrhyw stryd arall o fewn {tolerance:g} m</translation>
    </message>
    <message>
      <source>{street} has no {fields}</source>
      <translation>Nid oes {fields} gan {street}</translation>
    </message>
    <message>
      <source>{street} has locality {locality} equal to its town</source>
      <translation>Mae gan {street} ardal leol {locality} sydd yr un fath â'i thref</translation>
    </message>
    <message>
      <source>{street} ({name}, {place}) has the same name as {other}, which it does not touch</source>
      <translation>Mae gan {street} ({name}, {place}) yr un enw â {other}, nad yw'n ei chyffwrdd</translation>
    </message>
    <message>
      <source>{street} is a numbered street (type 3) but its descriptor {name} does not start with a road number (M, A, B, C or U and digits)</source>
      <translation>Mae {street} yn stryd wedi'i rhifo (math 3) ond nid yw ei disgrifydd {name} yn dechrau â rhif ffordd (M, A, B, C neu U a digidau)</translation>
    </message>
    <message>
      <source>{street} has end date {end} but state {state}, not {closed} (closed)</source>
      <translation>Mae gan {street} ddyddiad gorffen {end} ond cyflwr {state}, nid {closed} (ar gau)</translation>
    </message>
    <message>
      <source>{street} has state {closed} (closed) but no end date</source>
      <translation>Mae gan {street} gyflwr {closed} (ar gau) ond dim dyddiad gorffen</translation>
    </message>
    <message>
      <source>{street} is a live named street with no addresses</source>
      <translation>Mae {street} yn stryd fyw ag enw heb unrhyw gyfeiriadau</translation>
    </message>
    <message>
      <source>{street} lies wholly outside the authority boundary, {distance} from it at the nearest</source>
      <translation>Mae {street} yn gyfan gwbl y tu allan i ffin yr awdurdod, {distance} ohoni ar y pwynt agosaf</translation>
    </message>
    <message>
      <source>Wrong {layer} layer? {share}% fail {rule}: {question}</source>
      <translation>Haen {layer} anghywir? Mae {share}% yn methu {rule}: {question}</translation>
    </message>
    <message>
      <source>most addresses' USRNs are not in the streets layer: is it the street gazetteer (NSG) of the same council, loaded from the same supply?</source>
      <translation>nid yw USRN y rhan fwyaf o'r cyfeiriadau yn yr haen strydoedd: ai gazetteer strydoedd (NSG) yr un cyngor yw hi, wedi'i llwytho o'r un cyflenwad?</translation>
    </message>
    <message>
      <source>most addresses lie outside the boundary: is it this council's boundary, and in the same coordinate reference system as the addresses?</source>
      <translation>mae'r rhan fwyaf o'r cyfeiriadau y tu allan i'r ffin: ai ffin y cyngor hwn yw hi, ac yn yr un system cyfeirnodau cyfesurynnau â'r cyfeiriadau?</translation>
    </message>
    <message>
      <source>most addresses are far from their street: are the streets the same council's, in the same coordinate reference system?</source>
      <translation>mae'r rhan fwyaf o'r cyfeiriadau ymhell o'u stryd: ai strydoedd yr un cyngor ydyn nhw, yn yr un system cyfeirnodau cyfesurynnau?</translation>
    </message>
    <message>
      <source>excellent</source>
      <translation>rhagorol</translation>
    </message>
    <message>
      <source>good</source>
      <translation>da</translation>
    </message>
    <message>
      <source>fair</source>
      <translation>gweddol</translation>
    </message>
    <message>
      <source>poor</source>
      <translation>gwael</translation>
    </message>
    <message>
      <source>needs urgent work</source>
      <translation>angen gwaith ar frys</translation>
    </message>
    <message>
      <source>Generated {when} by PlaceLink (placelink:checkquality).</source>
      <translation>Crëwyd {when} gan PlaceLink (placelink:checkquality).</translation>
    </message>
    <message>
      <source>Overall score</source>
      <translation>Sgôr gyffredinol</translation>
    </message>
    <message>
      <source>checks passed</source>
      <translation>o'r gwiriadau wedi llwyddo</translation>
    </message>
    <message>
      <source>Grade</source>
      <translation>Gradd</translation>
    </message>
    <message>
      <source>Checks made</source>
      <translation>Gwiriadau a wnaed</translation>
    </message>
    <message>
      <source>{count} failed</source>
      <translation>{count} wedi methu</translation>
    </message>
    <message>
      <source>Problems</source>
      <translation>Problemau</translation>
    </message>
    <message>
      <source>run; {count} not applicable</source>
      <translation>wedi rhedeg; {count} ddim yn berthnasol</translation>
    </message>
    <message>
      <source>The overall score is the share of all record checks that passed, over every rule that could run. Grades: A from 99%, B from 97%, C from 93%, D from 85%, E below.</source>
      <translation>Y sgôr gyffredinol yw'r gyfran o holl wiriadau'r cofnodion a lwyddodd, dros bob rheol a allai redeg. Graddau: A o 99%, B o 97%, C o 93%, D o 85%, E islaw hynny.</translation>
    </message>
    <message>
      <source>Pass rate by rule</source>
      <translation>Cyfradd llwyddo fesul rheol</translation>
    </message>
    <message>
      <source>Share of records passing each rule</source>
      <translation>Cyfran y cofnodion sy'n llwyddo ym mhob rheol</translation>
    </message>
    <message>
      <source>{rule} {title}: {share} pass</source>
      <translation>{rule} {title}: {share} yn llwyddo</translation>
    </message>
    <message>
      <source>Each bar is one rule:</source>
      <translation>Mae pob bar yn un rheol:</translation>
    </message>
    <message>
      <source>green</source>
      <translation>gwyrdd</translation>
    </message>
    <message>
      <source>the share of records that pass; the rest, the share that fail, in the rule's severity:</source>
      <translation>cyfran y cofnodion sy'n llwyddo; y gweddill, y gyfran sy'n methu, yn nifrifoldeb y rheol:</translation>
    </message>
    <message>
      <source>A rule every record passes is all green.</source>
      <translation>Mae rheol y mae pob cofnod yn ei llwyddo yn wyrdd i gyd.</translation>
    </message>
    <message>
      <source>No rule had records to check.</source>
      <translation>Nid oedd gan unrhyw reol gofnodion i'w gwirio.</translation>
    </message>
    <message>
      <source>Scores by rule</source>
      <translation>Sgoriau fesul rheol</translation>
    </message>
    <message>
      <source>Rule</source>
      <translation>Rheol</translation>
    </message>
    <message>
      <source>Severity</source>
      <translation>Difrifoldeb</translation>
    </message>
    <message>
      <source>Checked</source>
      <translation>Wedi'u gwirio</translation>
    </message>
    <message>
      <source>Failing</source>
      <translation>Yn methu</translation>
    </message>
    <message>
      <source>Passing</source>
      <translation>Yn llwyddo</translation>
    </message>
    <message>
      <source>Streets with most problems</source>
      <translation>Strydoedd â'r mwyaf o broblemau</translation>
    </message>
    <message>
      <source>Street</source>
      <translation>Stryd</translation>
    </message>
    <message>
      <source>All problems</source>
      <translation>Pob problem</translation>
    </message>
    <message>
      <source>Records</source>
      <translation>Cofnodion</translation>
    </message>
    <message>
      <source>No street has a problem.</source>
      <translation>Nid oes problem gan unrhyw stryd.</translation>
    </message>
    <message>
      <source>Areas with most problems</source>
      <translation>Ardaloedd â'r mwyaf o broblemau</translation>
    </message>
    <message>
      <source>Areas are postcode sectors (or the town where there is no valid postcode).</source>
      <translation>Sectorau cod post yw'r ardaloedd (neu'r dref lle nad oes cod post dilys).</translation>
    </message>
    <message>
      <source>Area</source>
      <translation>Ardal</translation>
    </message>
    <message>
      <source>No area has a problem.</source>
      <translation>Nid oes problem gan unrhyw ardal.</translation>
    </message>
    <message>
      <source>What each rule checks, and how to fix it</source>
      <translation>Beth mae pob rheol yn ei wirio, a sut i'w drwsio</translation>
    </message>
    <message>
      <source>Inputs and settings</source>
      <translation>Mewnbynnau a gosodiadau</translation>
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
