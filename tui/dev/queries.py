"""The benchmarks' fixed list of name queries, as people remember names:
typos, case, order, spacing, and names that are not there."""

QUERIES = [
    # seed names, with typos and other spellings
    "sensetme", "Hauwei", "alibba", "xu wenguang", "deep blue", "Tang Xiao-ou", "Xiaoou Tang",
    "Zurich", "orbbec", "Wang Zhigang", "carrie lam", "Yuet ngor", "shenzen", "tencnet", "baidu",
    # BBC names, misspelt or reordered
    "Tony Blaire", "gordon brown", "Blair Tony", "microsfot", "Gooogle", "Yukos", "Gazprom",
    "Arsene Wenger", "wenger arsene", "Jose Mourinho", "mourinho", "Chelsea", "Arsenal",
    "Manchester Utd", "Roger Federer", "federrer", "Andy Roddick", "Lleyton Hewitt",
    "Paula Radcliffe", "Kelly Holmes", "Jonny Wilkinson", "Michael Howard", "Charles Kennedy",
    "Robert Kilroy-Silk", "kilroy silk", "Alan Milburn", "Iraq", "Washington", "Sony",
    "Nintendo", "playstation", "Apple iPod", "Bill Gates", "Steve Jobs", "Vodafone",
    "Deutsche Bank", "Warner Music", "eBay", "BBC", "Oscars", "Leonardo DiCaprio", "Zuckerberg",
    '"Hong Kong"', "Blair | Brown",
]
